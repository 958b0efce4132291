"""Holding, confirming and releasing beds; the waitlist; the front desk."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.learning.models import EnrollmentStatus
from lms.learning.services import enrollment_withdraw
from lms.lodging import services
from lms.lodging.models import GenderPolicy, Stay, StayStatus
from lms.lodging.services import LodgingError, stay_hold

from ..factories.lodging import room_create, stay_create

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def hold(enrollment, policy=GenderPolicy.WOMEN, **options) -> Stay:
    return stay_hold(enrollment=enrollment, room_policy=policy, **options)


# --- nights -----------------------------------------------------------------------


def test_the_nights_proposed_are_those_of_the_run(run, women_room):
    from lms.lodging.selectors import stay_nights_propose

    assert stay_nights_propose(run=run) == (run.starts_on, run.ends_on)
    run.ends_on = run.starts_on
    assert stay_nights_propose(run=run) == (run.starts_on - DAY, run.starts_on)
    run.starts_on = None
    assert stay_nights_propose(run=run) is None


def test_a_hold_covers_the_runs_nights_and_expires_in_thirty_minutes(
    enrollment, women_room, run
):
    stay = hold(enrollment)
    assert stay.status == StayStatus.HELD
    assert (stay.check_in, stay.check_out) == (run.starts_on, run.ends_on)
    assert stay.bed.room == women_room
    assert stay.run == run and stay.guest == enrollment.learner
    minutes = (stay.hold_expires_at - timezone.now()).total_seconds() / 60
    assert 29 < minutes <= 30


def test_a_learner_may_take_fewer_nights_but_not_others(enrollment, women_room, run):
    with pytest.raises(LodgingError):
        hold(enrollment, check_in=run.starts_on - DAY, check_out=run.ends_on)
    stay = hold(enrollment, check_in=run.starts_on + DAY, check_out=run.ends_on)
    assert stay.nights == 1


def test_holding_again_returns_the_same_stay(enrollment, women_room):
    first = hold(enrollment)
    assert hold(enrollment).pk == first.pk
    assert Stay.objects.count() == 1


def test_only_active_learners_of_residential_runs_may_hold(enrollment, women_room, run):
    enrollment.status = EnrollmentStatus.WAITLISTED
    enrollment.save()
    with pytest.raises(LodgingError):
        hold(enrollment)
    enrollment.status = EnrollmentStatus.ACTIVE
    enrollment.save()
    run.is_residential = False
    run.save()
    with pytest.raises(LodgingError):
        hold(enrollment)
    assert not Stay.objects.exists()


# --- who sleeps where -------------------------------------------------------------


def test_a_guest_gets_only_a_room_of_the_kind_asked_for(
    enrol, women_room, men_room, floor
):
    mixed = room_create(floor=floor, number="203", beds=2, policy=GenderPolicy.MIXED)
    assert hold(enrol(), GenderPolicy.MEN).bed.room == men_room
    assert hold(enrol(), GenderPolicy.WOMEN).bed.room == women_room
    assert hold(enrol(), GenderPolicy.MIXED).bed.room == mixed


def test_when_the_mens_rooms_are_full_a_man_is_waitlisted_not_put_with_women(
    enrol, women_room, men_room
):
    hold(enrol(), GenderPolicy.MEN)
    hold(enrol(), GenderPolicy.MEN)
    third = hold(enrol(), GenderPolicy.MEN)
    assert third.status == StayStatus.WAITLISTED and third.bed is None
    assert not Stay.objects.filter(bed__room=women_room).exists()


def test_a_guest_who_needs_access_gets_an_accessible_room_or_the_waitlist(
    enrol, women_room, floor
):
    assert hold(enrol(), needs_accessible=True).status == StayStatus.WAITLISTED
    accessible = room_create(floor=floor, number="101", beds=1, accessible=True)
    assert hold(enrol(), needs_accessible=True).bed.room == accessible


def test_accessible_rooms_are_kept_for_those_who_need_them(enrol, floor):
    accessible = room_create(floor=floor, number="101", beds=2, accessible=True)
    plain = room_create(floor=floor, number="102", beds=1)
    assert hold(enrol()).bed.room == plain
    # the plain room is full: an accessible bed is better than no bed
    assert hold(enrol()).bed.room == accessible


def test_members_of_one_organization_who_ask_are_kept_together(
    enrol, floor, organization
):
    rooms = [room_create(floor=floor, number=f"30{n}", beds=2) for n in range(1, 4)]
    stranger = hold(enrol())
    first = hold(enrol(organization=organization), keep_with_organization=True)
    second = hold(enrol(organization=organization), keep_with_organization=True)
    assert first.bed.room == second.bed.room
    assert first.bed.room != stranger.bed.room  # a group starts in an empty room
    # without the request, a learner fills the room already in use
    assert hold(enrol()).bed.room == stranger.bed.room
    assert {rooms[0], rooms[1]} == {stranger.bed.room, first.bed.room}


def test_out_of_service_rooms_are_not_assigned(enrol, women_room, floor, run, staff):
    other = room_create(floor=floor, number="205", beds=2)
    services.out_of_service_create(
        room=women_room,
        starts_on=run.starts_on,
        ends_on=run.starts_on + DAY,
        reason="배관 수리",
        actor=staff,
    )
    assert hold(enrol()).bed.room == other


def test_a_room_with_guests_booked_cannot_go_out_of_service(
    enrollment, women_room, run, staff
):
    hold(enrollment)
    with pytest.raises(LodgingError):
        services.out_of_service_create(
            room=women_room,
            starts_on=run.starts_on,
            ends_on=run.ends_on,
            reason="도배",
            actor=staff,
        )


# --- holds, expiry, confirmation --------------------------------------------------


def test_a_confirmed_stay_keeps_its_bed(enrollment, women_room):
    stay = services.stay_confirm(stay=hold(enrollment))
    assert stay.status == StayStatus.CONFIRMED and stay.confirmed_at
    assert services.stay_confirm(stay=stay).status == StayStatus.CONFIRMED


def test_a_hold_expires_after_thirty_minutes_and_cannot_be_confirmed(
    enrollment, women_room
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        stay = hold(enrollment)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert services.stay_holds_release() == 0
        assert Stay.objects.get(pk=stay.pk).effective_status == StayStatus.HELD
    with time_machine.travel(start + dt.timedelta(minutes=30, seconds=1), tick=False):
        # before any release has run, the stay already reads as expired
        assert Stay.objects.get(pk=stay.pk).effective_status == StayStatus.EXPIRED
        with pytest.raises(LodgingError):
            services.stay_confirm(stay=stay)
    stay.refresh_from_db()
    assert stay.status == StayStatus.EXPIRED


def test_the_periodic_release_frees_expired_holds_for_the_waitlist(enrol, floor):
    room = room_create(floor=floor, number="101", beds=1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = hold(enrol())
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        waiting = hold(enrol())
    assert waiting.status == StayStatus.WAITLISTED
    with time_machine.travel(start + dt.timedelta(minutes=31), tick=False):
        from lms.lodging.tasks import stay_holds_release

        assert stay_holds_release.delay().get() == 1
        assert stay_holds_release.delay().get() == 0  # idempotent
        waiting.refresh_from_db()
        assert waiting.status == StayStatus.HELD and waiting.bed.room == room
        assert waiting.hold_expires_at == timezone.now() + dt.timedelta(minutes=30)
    first.refresh_from_db()
    assert first.status == StayStatus.EXPIRED


def test_a_new_request_after_an_expiry_comes_after_the_waitlist(enrol, floor):
    room_create(floor=floor, number="101", beds=1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        hold(enrol())
        waiting = hold(enrol())
    with time_machine.travel(start + dt.timedelta(minutes=45), tick=False):
        newcomer = hold(enrol())
    waiting.refresh_from_db()
    assert waiting.status == StayStatus.HELD
    assert newcomer.status == StayStatus.WAITLISTED


# --- the waitlist and cancellations -----------------------------------------------


def test_cancelling_promotes_the_waitlist_in_the_same_transaction(
    enrol, floor, django_capture_on_commit_callbacks
):
    room_create(floor=floor, number="101", beds=1)
    first = hold(enrol())
    second = hold(enrol())
    third = hold(enrol())
    assert [second.status, third.status] == [StayStatus.WAITLISTED] * 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.stay_cancel(stay=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == StayStatus.HELD and second.bed_id == first.bed_id
    assert third.status == StayStatus.WAITLISTED
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([first.guest.email, second.guest.email])


def test_withdrawing_from_the_run_cancels_the_stay_and_frees_the_bed(
    enrol, floor, django_capture_on_commit_callbacks
):
    room_create(floor=floor, number="101", beds=1)
    leaving = enrol()
    stay = services.stay_confirm(stay=hold(leaving))
    waiting = hold(enrol())
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_withdraw(enrollment=leaving)
    stay.refresh_from_db()
    waiting.refresh_from_db()
    assert stay.status == StayStatus.CANCELLED and stay.cancelled_at
    assert waiting.status == StayStatus.HELD


def test_the_periodic_release_also_cancels_stays_of_ended_enrolments(enrol, floor):
    """A safety net if the withdrawal's after-commit step never ran."""
    room_create(floor=floor, number="101", beds=1)
    enrollment = enrol()
    stay = hold(enrollment)
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()
    assert services.stay_holds_release() == 1
    stay.refresh_from_db()
    assert stay.status == StayStatus.CANCELLED


def test_a_no_show_frees_the_bed(enrol, floor, run, staff):
    room_create(floor=floor, number="101", beds=1)
    stay = services.stay_confirm(stay=hold(enrol()))
    waiting = hold(enrol())
    with pytest.raises(LodgingError):
        services.stay_no_show(stay=stay, actor=staff)  # not due yet
    arrival = timezone.make_aware(dt.datetime.combine(run.starts_on, dt.time(20)))
    with time_machine.travel(arrival, tick=False):
        services.stay_no_show(stay=stay, actor=staff)
    waiting.refresh_from_db()
    assert Stay.objects.get(pk=stay.pk).status == StayStatus.NO_SHOW
    assert waiting.status == StayStatus.HELD


# --- the front desk ---------------------------------------------------------------


def _at(day, hour=15):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_check_in_on_the_day_and_check_out(enrollment, women_room, run, staff):
    stay = services.stay_confirm(stay=hold(enrollment))
    with pytest.raises(LodgingError):
        services.stay_check_in(stay=stay, actor=staff)
    with time_machine.travel(_at(run.starts_on), tick=False):
        stay = services.stay_check_in(stay=stay, actor=staff)
        assert stay.status == StayStatus.CHECKED_IN and stay.checked_in_at
    with time_machine.travel(_at(run.ends_on, 10), tick=False):
        stay = services.stay_check_out(stay=stay, actor=staff)
    assert stay.status == StayStatus.CHECKED_OUT
    assert stay.check_out == run.ends_on


def test_leaving_early_gives_the_unused_nights_to_the_waitlist(
    enrol, floor, run, staff
):
    room_create(floor=floor, number="101", beds=1)
    stay = services.stay_confirm(stay=hold(enrol()))
    later = hold(enrol(), check_in=run.starts_on + DAY, check_out=run.ends_on)
    assert later.status == StayStatus.WAITLISTED
    with time_machine.travel(_at(run.starts_on), tick=False):
        services.stay_check_in(stay=stay, actor=staff)
    with time_machine.travel(_at(run.starts_on + DAY, 9), tick=False):
        stay = services.stay_check_out(stay=stay, actor=staff)
        later.refresh_from_db()
    assert stay.check_out == run.starts_on + DAY  # the first night was used
    assert later.status == StayStatus.HELD and later.bed_id == stay.bed_id


def test_staff_move_a_guest_only_to_a_free_bed_of_the_right_kind(
    enrol, women_room, men_room, floor, staff
):
    first = hold(enrol())
    second = hold(enrol())
    spare = room_create(floor=floor, number="209", beds=1)
    with pytest.raises(LodgingError):
        services.stay_bed_change(stay=first, bed=second.bed, actor=staff)  # taken
    with pytest.raises(LodgingError):
        services.stay_bed_change(stay=first, bed=men_room.beds.first(), actor=staff)
    moved = services.stay_bed_change(stay=first, bed=spare.beds.get(), actor=staff)
    assert moved.bed.room == spare and moved.sequence > first.sequence


def test_staff_book_instructors_and_guests(floor, staff, run, women_room):
    from ..factories import UserFactory

    instructor = UserFactory()
    stay = services.stay_book_for_guest(
        actor=staff,
        kind="instructor",
        guest=instructor,
        room_policy=GenderPolicy.WOMEN,
        check_in=run.starts_on,
        check_out=run.ends_on,
        run=run,
    )
    assert stay.status == StayStatus.CONFIRMED and stay.bed.room == women_room
    guest = services.stay_book_for_guest(
        actor=staff,
        kind="guest",
        guest_name="김손님",
        room_policy=GenderPolicy.WOMEN,
        check_in=run.starts_on,
        check_out=run.ends_on,
    )
    assert guest.guest is None and guest.bed.room == women_room
    with pytest.raises(LodgingError):  # the room is full: refused, not waitlisted
        services.stay_book_for_guest(
            actor=staff,
            kind="guest",
            guest_name="박손님",
            room_policy=GenderPolicy.WOMEN,
            check_in=run.starts_on,
            check_out=run.ends_on,
        )
    assert Stay.objects.count() == 2


# --- the run's dates move ---------------------------------------------------------


def test_moving_the_runs_dates_flags_the_stays_that_no_longer_fit(enrol, floor, run):
    room_create(floor=floor, number="101", beds=1)
    booked = hold(enrol())
    waiting = hold(enrol())
    run.starts_on += DAY * 7
    run.ends_on += DAY * 7
    flagged = services.stay_flag_for_rescheduled_run(run=run)
    assert [stay.pk for stay in flagged] == [booked.pk]
    booked.refresh_from_db()
    waiting.refresh_from_db()
    assert booked.needs_review and booked.review_note
    assert (waiting.check_in, waiting.check_out) == (run.starts_on, run.ends_on)
    assert services.stay_flag_for_rescheduled_run(run=run) == []  # once


def test_saving_new_run_dates_flags_stays_after_commit(
    enrollment, women_room, run, django_capture_on_commit_callbacks
):
    """Lodging hears of new dates from learning's `course_run_changed` signal."""
    from lms.learning.services import course_run_update

    stay = hold(enrollment)
    with django_capture_on_commit_callbacks(execute=True):
        course_run_update(instance=run, fields={"title_ko": "새 이름"})
    assert not Stay.objects.get(pk=stay.pk).needs_review
    with django_capture_on_commit_callbacks(execute=True):
        course_run_update(instance=run, fields={"starts_on": run.starts_on + DAY})
    assert Stay.objects.get(pk=stay.pk).needs_review


def test_lodging_no_longer_watches_every_loaded_run():
    """No post_init/post_save receivers on CourseRun: the service is the door."""
    from django.db.models.signals import post_init, post_save

    from lms.learning.models import CourseRun

    assert not post_init.has_listeners(CourseRun)
    sync, asynchronous = post_save._live_receivers(CourseRun)
    assert not [
        r for r in sync + asynchronous if r.__module__.startswith("lms.lodging")
    ]


def test_staff_move_a_flagged_stay_to_new_nights(enrol, floor, run, staff):
    room_create(floor=floor, number="101", beds=1)
    stay = hold(enrol())
    run.starts_on += DAY
    run.ends_on += DAY
    services.stay_flag_for_rescheduled_run(run=run)
    stay = services.stay_nights_change(
        stay=stay, check_in=run.starts_on, check_out=run.ends_on, actor=staff
    )
    assert not stay.needs_review and stay.bed_id is not None
    assert (stay.check_in, stay.check_out) == (run.starts_on, run.ends_on)


# --- the database's own guard -----------------------------------------------------


def test_the_database_refuses_two_stays_in_one_bed_on_one_night(women_room, run):
    """The exclusion constraint on PostgreSQL, the triggers on SQLite."""
    bed = women_room.beds.first()
    stay_create(bed=bed, check_in=run.starts_on, check_out=run.ends_on)
    with pytest.raises(IntegrityError), transaction.atomic():
        stay_create(bed=bed, check_in=run.starts_on + DAY, check_out=run.ends_on + DAY)
    # back to back is fine, and so is a cancelled stay on the same nights
    stay_create(bed=bed, check_in=run.ends_on, check_out=run.ends_on + DAY)
    cancelled = stay_create(
        bed=bed,
        check_in=run.starts_on,
        check_out=run.ends_on,
        status=StayStatus.CANCELLED,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Stay.objects.filter(pk=cancelled.pk).update(status=StayStatus.CONFIRMED)
    assert Stay.objects.filter(bed=bed).count() == 3


def test_waitlist_places_whose_nights_are_over_are_released(enrol, floor, run):
    room_create(floor=floor, number="101", beds=1)
    hold(enrol())
    waiting = hold(enrol())
    after = timezone.make_aware(dt.datetime.combine(run.ends_on, dt.time(12)))
    with time_machine.travel(after, tick=False):
        services.stay_holds_release()
    waiting.refresh_from_db()
    assert waiting.status == StayStatus.CANCELLED
