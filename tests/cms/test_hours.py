"""Opening hours: weekly hours, Korean public holidays, special days (hypothesis)."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from cms.hours import OpeningHours, SpecialDay, korean_holiday, opening_hours_jsonld

SEOUL = ZoneInfo("Asia/Seoul")


def t(hhmm: str) -> dt.time:
    return dt.time.fromisoformat(hhmm)


def weekdays_9_to_6(**kwargs) -> OpeningHours:
    return OpeningHours(
        weekly={d: [(t("09:00"), t("18:00"))] for d in range(5)}, **kwargs
    )


# -- strategies ---------------------------------------------------------------

minutes = st.integers(min_value=0, max_value=24 * 60 - 1)


@st.composite
def intervals(draw, max_size=3):
    """Sorted, non-overlapping (opens, closes) intervals within one day."""
    points = sorted(draw(st.sets(minutes, min_size=0, max_size=max_size * 2)))
    if len(points) % 2:
        points = points[:-1]
    return [
        (dt.time(a // 60, a % 60), dt.time(b // 60, b % 60))
        for a, b in zip(points[::2], points[1::2], strict=True)
    ]


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def opening_hours(draw):
    weekly = {d: draw(intervals()) for d in range(7)}
    special_dates = draw(st.lists(days, max_size=5, unique=True))
    special = {
        day: SpecialDay(day, tuple(draw(intervals(max_size=2))), "special")
        for day in special_dates
    }
    return OpeningHours(
        weekly=weekly,
        special=special,
        closed_on_public_holidays=draw(st.booleans()),
    )


moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2030, 12, 31)
).map(lambda naive: naive.replace(tzinfo=SEOUL, second=0, microsecond=0))


# -- properties -----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(hours=opening_hours(), moment=moments)
def test_open_exactly_within_the_intervals_of_the_days_rule(hours, moment):
    day = moment.date()
    if day in hours.special:
        expected = hours.special[day].intervals
    elif hours.closed_on_public_holidays and korean_holiday(day):
        expected = ()
    else:
        expected = hours.weekly[day.weekday()]
    clock = moment.time().replace(tzinfo=None)
    assert hours.is_open(moment) == any(a <= clock < b for a, b in expected)


@settings(max_examples=150, deadline=None)
@given(hours=opening_hours(), moment=moments)
def test_status_agrees_with_is_open_and_next_opening_is_the_first(hours, moment):
    status = hours.status(moment)
    assert status.is_open == hours.is_open(moment)
    if status.is_open:
        assert status.closes_at > moment
        assert not hours.is_open(status.closes_at) or status.closes_at.time() in {
            a for a, _b in hours.intervals_on(status.closes_at.date())
        }
    elif status.opens_at is not None:
        assert status.opens_at > moment
        assert hours.is_open(status.opens_at)
        # closed the whole time in between: no interval starts before it
        day = moment.date()
        while day < status.opens_at.date():
            for opens, _closes in hours.intervals_on(day):
                start = dt.datetime.combine(day, opens, tzinfo=SEOUL)
                assert start <= moment
            day += dt.timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(day=days, special=intervals(max_size=2))
def test_a_special_day_overrides_weekly_hours_and_holidays(day, special):
    hours = weekdays_9_to_6(special={day: SpecialDay(day, tuple(special))})
    assert hours.intervals_on(day) == tuple(special)


@settings(max_examples=50, deadline=None)
@given(moment=moments)
def test_the_answer_does_not_depend_on_the_zone_the_moment_is_given_in(moment):
    hours = weekdays_9_to_6()
    assert hours.is_open(moment) == hours.is_open(moment.astimezone(dt.UTC))
    assert hours.status(moment) == hours.status(moment.astimezone(dt.UTC))


# -- examples -------------------------------------------------------------------


def test_closed_on_chuseok_and_open_the_next_working_day():
    hours = weekdays_9_to_6()
    chuseok = dt.date(2026, 9, 25)  # 추석 (a Friday)
    assert korean_holiday(chuseok)
    noon = dt.datetime.combine(chuseok, t("12:00"), tzinfo=SEOUL)
    status = hours.status(noon)
    assert not status.is_open
    assert status.reason == korean_holiday(chuseok)
    assert status.opens_at == dt.datetime(2026, 9, 28, 9, 0, tzinfo=SEOUL)


def test_a_space_that_ignores_holidays_stays_open_on_them():
    hours = weekdays_9_to_6(closed_on_public_holidays=False)
    assert hours.is_open(dt.datetime(2026, 9, 25, 12, tzinfo=SEOUL))


def test_open_now_is_computed_in_seoul_not_utc():
    hours = weekdays_9_to_6()
    # 00:30 UTC on a Monday is 09:30 in Seoul
    assert hours.is_open(dt.datetime(2026, 12, 7, 0, 30, tzinfo=dt.UTC))
    # 10:00 UTC on a Monday is 19:00 in Seoul
    assert not hours.is_open(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))


def test_lunch_break_gives_two_intervals_and_reopens_after_it():
    hours = OpeningHours(
        weekly={0: [(t("13:00"), t("17:00")), (t("09:00"), t("12:00"))]}
    )
    status = hours.status(dt.datetime(2026, 12, 7, 12, 30, tzinfo=SEOUL))
    assert not status.is_open
    assert status.opens_at == dt.datetime(2026, 12, 7, 13, 0, tzinfo=SEOUL)


def test_never_open_says_closed_without_a_time():
    status = OpeningHours().status(dt.datetime(2026, 12, 7, 12, tzinfo=SEOUL))
    assert not status.is_open and status.opens_at is None


def test_jsonld_lists_weekly_hours_holidays_and_special_days():
    special_day = dt.date(2026, 12, 10)
    hours = weekdays_9_to_6(
        special={special_day: SpecialDay(special_day, ((t("10:00"), t("12:00")),))}
    )
    data = opening_hours_jsonld(hours, today=dt.date(2026, 12, 1))
    weekly = data["openingHoursSpecification"]
    assert len(weekly) == 5
    assert weekly[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "09:00",
        "closes": "18:00",
    }
    special = {s["validFrom"]: s for s in data["specialOpeningHoursSpecification"]}
    assert special["2026-12-10"]["opens"] == "10:00"
    assert special["2026-12-25"]["opens"] == special["2026-12-25"]["closes"] == "00:00"
    assert "2027-02-07" in special  # 설날 2027
