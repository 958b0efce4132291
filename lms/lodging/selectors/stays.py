"""Nights and stays, shared by the other selectors: the nights proposed for a
run, the nights between two dates, stays with what is shown of them.
"""

import datetime as dt

from lms.learning.models import CourseRun

ONE_DAY = dt.timedelta(days=1)


def stay_nights_propose(*, run: CourseRun) -> tuple[dt.date, dt.date] | None:
    """The nights `(check_in, check_out)` a learner of `run` needs, or None.

    From the days the run's lecture sessions meet (the timetable), or, while
    none are scheduled, from the run's dates: sessions from the 21st to the
    23rd need the nights of the 21st and 22nd (check-out on the 23rd); a
    single day, the night before it. This is the one place that decides.
    """
    return stay_nights_propose_many(runs=[run])[run.pk]


def stay_nights_propose_many(*, runs) -> dict[int, tuple[dt.date, dt.date] | None]:
    """`stay_nights_propose` for many runs, in one query: run id → nights."""
    from lms.timetable.selectors import runs_session_dates

    sessions = runs_session_dates(run_ids=[run.pk for run in runs])
    proposals = {}
    for run in runs:
        days = sessions.get(run.pk)
        if days:
            first, last = days[0], days[-1]
        elif run.starts_on is None:
            proposals[run.pk] = None
            continue
        else:
            first = run.starts_on
            last = run.ends_on or run.starts_on
        proposals[run.pk] = (first, last) if last > first else (first - ONE_DAY, first)
    return proposals


def nights_between(check_in: dt.date, check_out: dt.date) -> list[dt.date]:
    return [check_in + ONE_DAY * n for n in range((check_out - check_in).days)]


def _stay_related(queryset):
    return queryset.select_related(
        "bed__room__floor__building", "run__course", "guest", "organization"
    )
