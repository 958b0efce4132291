"""Places: public holidays as blackout dates."""

import holidays
from django.db import transaction

from ..models import BlackoutDate, BlackoutKind


@transaction.atomic
def blackout_public_holidays_import(*, years) -> int:
    """Korea's public holidays of `years` as center-wide blackout dates.

    Names in Korean and English come from the `holidays` package (including
    the lunar holidays and substitute days). Safe to run again: it updates in
    place. Returns how many dates were created.
    """
    years = sorted(set(years))
    korean = holidays.KR(years=years, language="ko")
    english = holidays.KR(years=years, language="en_US")
    created = 0
    for day, name in sorted(korean.items()):
        _record, was_created = BlackoutDate.objects.update_or_create(
            date=day,
            building=None,
            defaults={
                "name": name[:100],
                "name_en": (english.get(day) or "")[:100],
                "kind": BlackoutKind.PUBLIC_HOLIDAY,
            },
        )
        created += was_created
    return created
