"""What lodging does when something happens elsewhere (connected in apps.py)."""

from django.utils.translation import gettext as _

from . import services


def enrollment_withdrawn_receiver(sender, *, enrollment, **kwargs) -> None:
    """Withdrawing from a run cancels the stay and frees the bed for the waitlist."""
    services.stays_cancel_for_enrollment(enrollment=enrollment)


def run_rescheduled_receiver(sender, *, run, reason: str = "", **kwargs) -> None:
    """For the timetable's `session_rescheduled` (and run date changes)."""
    services.stay_flag_for_rescheduled_run(run=run, reason=reason)


def session_rescheduled_receiver(sender, *, session, **kwargs) -> None:
    """A lecture session of a residential run moved or was cancelled: the
    stays whose nights no longer fit the run's sessions are flagged for staff.

    The timetable sends this after its transaction commits.
    """
    run = session.run
    if run is not None and run.is_residential:
        services.stay_flag_for_rescheduled_run(
            run=run,
            reason=_("The lecture sessions of this run moved or were cancelled."),
        )


def course_run_changed_receiver(sender, *, run, changed, **kwargs) -> None:
    """A residential run whose dates moved (sent by `course_run_update` after
    commit): flag the stays that no longer fit."""
    if run.is_residential and changed & {"starts_on", "ends_on"}:
        services.stay_flag_for_rescheduled_run(run=run)
