"""What lodging does when something happens elsewhere (connected in apps.py)."""

from django.db import transaction
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


def course_run_saved(sender, *, instance, created, raw=False, **kwargs) -> None:
    """A residential run whose dates changed: flag the stays that no longer fit."""
    if created or raw or not instance.is_residential:
        return
    dates = (instance.starts_on, instance.ends_on)
    if getattr(instance, "_lodging_dates", None) in (None, dates):
        return
    instance._lodging_dates = dates
    transaction.on_commit(lambda: services.stay_flag_for_rescheduled_run(run=instance))


def course_run_loaded(sender, *, instance, **kwargs) -> None:
    """Remember a run's dates as loaded, to notice when a save moves them."""
    # read __dict__: a deferred field must not cost a query per loaded run
    fields = instance.__dict__
    if "starts_on" in fields and "ends_on" in fields:
        instance._lodging_dates = (fields["starts_on"], fields["ends_on"])
