"""Stays flagged for review when their run's dates move, and clearing the flag."""

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.learning.models import CourseRun

from ..models import (
    LIVE,
    Stay,
    StayStatus,
)
from ..selectors import stay_nights_propose
from .common import _locked


@transaction.atomic
def stay_flag_for_rescheduled_run(*, run: CourseRun, reason: str = "") -> list[Stay]:
    """The run's dates moved: flag its stays whose nights no longer fit, for staff.

    Waitlisted stays have no bed yet and simply move to the new nights. Stays
    already flagged stay flagged; nothing else changes, so calling this twice
    is harmless. Connected to run date changes here, and meant for the
    timetable's `session_rescheduled` signal.
    """
    proposal = stay_nights_propose(run=run)
    stays = list(
        Stay.objects.select_for_update().filter(run=run, status__in=LIVE).order_by("pk")
    )
    flagged = []
    for stay in stays:
        fits = proposal is not None and (
            proposal[0] <= stay.check_in and stay.check_out <= proposal[1]
        )
        if fits:
            continue
        if stay.status == StayStatus.WAITLISTED and proposal is not None:
            stay.check_in, stay.check_out = proposal
            stay.sequence += 1
            stay.save()
            continue
        if stay.needs_review:
            continue
        stay.needs_review = True
        stay.review_note = (
            reason
            or _("The run's dates changed to %(dates)s.")
            % {
                "dates": f"{proposal[0].isoformat()}–{proposal[1].isoformat()}"
                if proposal
                else _("no dates")
            }
        )[:300]
        stay.sequence += 1
        stay.save()
        flagged.append(stay)
    return flagged


@transaction.atomic
def stay_review_clear(*, stay: Stay, actor: User) -> Stay:
    """Staff have looked at a flagged stay and keep it as it is."""
    stay = _locked(stay)
    if stay.needs_review:
        stay.needs_review = False
        stay.review_note = ""
        stay.save(update_fields=["needs_review", "review_note", "updated_at"])
    return stay
