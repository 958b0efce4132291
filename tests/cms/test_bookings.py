"""Bookings of the town's rooms and machines: free slots, the same exclusion
constraint as lectures, approval, monthly quotas, cancellation, the training
gate and the personal calendar feed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from cms.booking_models import Bookable, Booking, BookingStatus
from cms.hours import local_zone
from cms.services.bookings import (
    BookingConflict,
    BookingError,
    booking_cancel,
    booking_create,
    booking_decide,
)
from lms.learning.models import EnrollmentStatus
from lms.timetable.models import SessionOccurrence
from lms.timetable.services import session_create
from tests.concurrency import in_parallel
from tests.factories import (
    CourseRunFactory,
    EnrollmentFactory,
    OrganizationFactory,
    UserFactory,
    catalog_create,
    course_tree_create,
)
from tests.factories.timetable import RoomFactory

pytestmark = pytest.mark.django_db


def _slot(days: int = 7, hour: int = 10, hours: int = 1):
    day = timezone.now().astimezone(local_zone()).date() + dt.timedelta(days=days)
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=local_zone())
    return start, start + dt.timedelta(hours=hours)


@pytest.fixture
def room_bookable(db):
    return Bookable.objects.create(
        room=RoomFactory(),
        space="organization",
        kind="meeting_room",
        max_hours=4,
        monthly_quota_hours=5,
    )


@pytest.fixture
def member(db):
    return UserFactory(organization=OrganizationFactory())


def test_a_member_books_a_free_slot_and_it_is_confirmed(member, room_bookable):
    start, end = _slot()
    booking = booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=start,
        ends_at=end,
        purpose="정기 회의",
    )
    assert booking.status == BookingStatus.CONFIRMED
    occurrence = SessionOccurrence.objects.get(session=booking.session)
    assert occurrence.is_active and occurrence.room_id == room_bookable.room_id


def test_a_taken_slot_is_refused_with_a_reason(member, other_user, room_bookable):
    start, end = _slot()
    booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=start,
        ends_at=end,
        purpose="회의",
    )
    with pytest.raises(BookingConflict) as refused:
        booking_create(
            user=other_user,
            bookable=room_bookable,
            starts_at=start + dt.timedelta(minutes=30),
            ends_at=end + dt.timedelta(minutes=30),
            purpose="다른 회의",
        )
    assert "already booked" in refused.value.message or "이미" in refused.value.message
    assert Booking.objects.count() == 1


def test_a_lecture_in_the_room_blocks_a_booking(member, room_bookable):
    start, end = _slot()
    session_create(
        room=room_bookable.room,
        starts_at=start,
        ends_at=end,
        title="특강",
        kind="event",
    )
    with pytest.raises(BookingConflict):
        booking_create(
            user=member,
            bookable=room_bookable,
            starts_at=start,
            ends_at=end,
            purpose="회의",
        )


def test_the_monthly_quota_of_an_organization_is_enforced(member, room_bookable):
    colleague = UserFactory(organization=member.organization)
    start, _end = _slot(hours=4)
    booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        purpose="워크숍",
    )
    later = start + dt.timedelta(hours=5)
    with pytest.raises(BookingError) as refused:
        booking_create(
            user=colleague,
            bookable=room_bookable,
            starts_at=later,
            ends_at=later + dt.timedelta(hours=2),
            purpose="회의",
        )
    assert refused.value.code == "quota-exceeded"
    # another organization has its own quota
    outsider = UserFactory(organization=OrganizationFactory())
    booking_create(
        user=outsider,
        bookable=room_bookable,
        starts_at=later,
        ends_at=later + dt.timedelta(hours=2),
        purpose="회의",
    )


def test_cancelling_frees_the_slot_and_the_quota(member, other_user, room_bookable):
    start, end = _slot(hours=4)
    booking = booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=start,
        ends_at=end,
        purpose="회의",
    )
    with pytest.raises(BookingError):
        booking_cancel(booking=booking, actor=other_user)
    assert booking_cancel(booking=booking, actor=member) is True
    assert booking_cancel(booking=booking, actor=member) is False
    again = booking_create(
        user=other_user,
        bookable=room_bookable,
        starts_at=start,
        ends_at=end,
        purpose="회의",
    )
    assert again.status == BookingStatus.CONFIRMED


def test_staff_approve_or_reject_where_the_room_asks(member, staff_user, room_bookable):
    room_bookable.needs_approval = True
    room_bookable.save()
    first = booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=_slot()[0],
        ends_at=_slot()[1],
        purpose="세미나",
    )
    assert first.status == BookingStatus.PENDING
    assert (
        booking_decide(booking=first, actor=staff_user, approve=True).status
        == "confirmed"
    )
    start, end = _slot(days=8)
    second = booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=start,
        ends_at=end,
        purpose="세미나",
    )
    booking_decide(booking=second, actor=staff_user, approve=False, note="행사 중")
    assert not SessionOccurrence.objects.filter(session=second.session, is_active=True)


def test_bad_input_is_refused(member, room_bookable):
    start, end = _slot()
    with pytest.raises(BookingError):
        booking_create(
            user=member,
            bookable=room_bookable,
            starts_at=start,
            ends_at=end,
            purpose=" ",
        )
    with pytest.raises(BookingError):
        booking_create(
            user=member,
            bookable=room_bookable,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=5),
            purpose="회의",
        )
    past = timezone.now() - dt.timedelta(days=1)
    with pytest.raises(BookingError):
        booking_create(
            user=member,
            bookable=room_bookable,
            starts_at=past,
            ends_at=past + dt.timedelta(hours=1),
            purpose="회의",
        )
    assert Booking.objects.count() == 0


# -- the training gate -----------------------------------------------------


@pytest.fixture
def printer(db):
    course = course_tree_create(index=catalog_create(), title="팹랩 장비 안전 교육")
    return Bookable.objects.create(
        room=RoomFactory(kind="lab", capacity=1),
        space="fab_lab",
        kind="equipment",
        training_course=course,
    )


def test_only_people_who_completed_the_safety_course_book_the_printer(printer, member):
    start, end = _slot()
    with pytest.raises(BookingError) as refused:
        booking_create(
            user=member, bookable=printer, starts_at=start, ends_at=end, purpose="출력"
        )
    assert refused.value.code == "training-required"
    run = CourseRunFactory(course=printer.training_course)
    enrollment = EnrollmentFactory(
        learner=member, run=run, status=EnrollmentStatus.ACTIVE
    )
    with pytest.raises(BookingError):
        booking_create(
            user=member, bookable=printer, starts_at=start, ends_at=end, purpose="출력"
        )
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.save()
    booking = booking_create(
        user=member, bookable=printer, starts_at=start, ends_at=end, purpose="출력"
    )
    assert booking.status == BookingStatus.CONFIRMED


def test_the_page_tells_an_untrained_member_why(client, printer, member):
    client.force_login(member)
    html = client.get(reverse("cms:bookable", args=[printer.pk])).content.decode()
    assert 'data-testid="training-required"' in html
    start, _end = _slot()
    response = client.post(
        reverse("cms:bookable-book", args=[printer.pk]),
        {"start": start.isoformat(), "hours": "1", "purpose": "출력"},
        follow=True,
    )
    assert "안전 교육" in response.content.decode()
    assert Booking.objects.count() == 0


# -- the fab lab's equipment store -----------------------------------------


def test_the_equipment_store_lists_only_machines(
    client, printer, room_bookable, django_assert_max_num_queries
):
    # cold: the site shell (menus, footer) is built once here, then cached
    with django_assert_max_num_queries(9):
        response = client.get(reverse("cms:bookings"), {"kind": "equipment"})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("cms:bookable", args=[printer.pk]) in html
    assert reverse("cms:bookable", args=[room_bookable.pk]) not in html
    everything = client.get(reverse("cms:bookings")).content.decode()
    assert reverse("cms:bookable", args=[room_bookable.pk]) in everything


def test_an_unknown_kind_is_a_bad_request_with_a_reason(client, room_bookable):
    korean_url = reverse("cms:bookings")
    with translation.override("en"):
        url = reverse("cms:bookings")
    response = client.get(url, {"kind": "spaceship"})
    assert response.status_code == 400
    assert "There is no such kind of room or equipment." in response.content.decode()
    korean = client.get(korean_url, {"kind": "spaceship"})
    assert "그런 종류의 공간이나 장비는 없습니다." in korean.content.decode()


def test_two_machines_of_the_store_are_booked_at_the_same_hour(printer, member):
    """Each machine is its own room of the timetable: the printer and the laser
    cutter can be booked for the same hour, the same machine cannot."""
    cutter = Bookable.objects.create(
        room=RoomFactory(kind="lab", capacity=1),
        space="fab_lab",
        kind="equipment",
        training_course=printer.training_course,
    )
    run = CourseRunFactory(course=printer.training_course)
    EnrollmentFactory(learner=member, run=run, status=EnrollmentStatus.COMPLETED)
    start, end = _slot()
    for machine in (printer, cutter):
        booking_create(
            user=member,
            bookable=machine,
            starts_at=start,
            ends_at=end,
            purpose="시제품",
        )
    with pytest.raises(BookingConflict):
        booking_create(
            user=member, bookable=cutter, starts_at=start, ends_at=end, purpose="다시"
        )
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 2


def test_the_demo_store_has_a_printer_and_a_laser_cutter_behind_the_course():
    from cms.demo_town import seed_bookables

    course = course_tree_create(index=catalog_create(), title="팹랩 장비 안전 교육")
    seed_bookables(course=course)
    seed_bookables(course=course)  # again: nothing is duplicated
    machines = Bookable.objects.filter(kind="equipment", space="fab_lab")
    assert sorted(machines.values_list("room__code", flat=True)) == [
        "laser-cutter",
        "printer-3d",
    ]
    assert all(machine.training_course_id == course.pk for machine in machines)


# -- views and permissions -------------------------------------------------


def test_anonymous_visitors_see_slots_but_cannot_book(client, room_bookable):
    assert (
        client.get(reverse("cms:bookable", args=[room_bookable.pk])).status_code == 200
    )
    start, _end = _slot()
    response = client.post(
        reverse("cms:bookable-book", args=[room_bookable.pk]),
        {"start": start.isoformat(), "hours": "1", "purpose": "회의"},
    )
    assert response.status_code == 302 and "login" in response["Location"]
    assert Booking.objects.count() == 0


def test_another_member_cannot_cancel_and_learners_cannot_approve(
    client, member, other_user, room_bookable
):
    start, end = _slot()
    booking = booking_create(
        user=member,
        bookable=room_bookable,
        starts_at=start,
        ends_at=end,
        purpose="회의",
    )
    client.force_login(other_user)
    assert (
        client.post(reverse("cms:booking-cancel", args=[booking.pk])).status_code == 403
    )
    assert client.get(reverse("cms:staff-bookings")).status_code == 403
    assert (
        client.post(
            reverse("cms:staff-booking-decide", args=[booking.pk]),
            {"decision": "approve"},
        ).status_code
        == 403
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_booking_through_the_page_and_in_the_personal_feed(
    client, member, room_bookable
):
    client.force_login(member)
    start, _end = _slot()
    response = client.post(
        reverse("cms:bookable-book", args=[room_bookable.pk]),
        {"start": start.isoformat(), "hours": "2", "purpose": "이사회"},
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.ends_at - booking.starts_at == dt.timedelta(hours=2)
    from lms.timetable.services import feed_token_for

    token = feed_token_for(user=member)
    feed = client.get(reverse("timetable-feeds:personal", args=[token.token]))
    calendar = Calendar.from_ical(feed.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    event = events[booking.uid]
    assert event.decoded("DTSTART") == booking.starts_at
    assert str(event["STATUS"]) == "CONFIRMED"
    booking_cancel(booking=booking, actor=member)
    feed = client.get(reverse("timetable-feeds:personal", args=[token.token]))
    event = {str(e["UID"]): e for e in Calendar.from_ical(feed.content).walk("VEVENT")}[
        booking.uid
    ]
    assert str(event["STATUS"]) == "CANCELLED"


def test_slot_page_query_count_does_not_grow(
    client, member, room_bookable, django_assert_max_num_queries
):
    client.force_login(member)
    url = (
        reverse("cms:bookable", args=[room_bookable.pk]) + f"?date={_slot()[0].date()}"
    )
    client.get(url)
    with django_assert_max_num_queries(12) as captured:
        client.get(url)
    baseline = len(captured)
    for hour in range(9, 14):
        start, end = _slot(hour=hour)
        session_create(
            room=room_bookable.room,
            starts_at=start,
            ends_at=end,
            title="x",
            kind="event",
        )
    with django_assert_max_num_queries(baseline):
        client.get(url)


# -- concurrency on PostgreSQL --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_members_booking_the_same_slot_at_once_exactly_one_wins(postgresql):
    room_bookable = Bookable.objects.create(
        room=RoomFactory(),
        space="organization",
        kind="meeting_room",
        monthly_quota_hours=50,
    )
    members = [UserFactory(organization=OrganizationFactory()) for _ in range(4)]
    start, end = _slot()

    def book(user):
        return booking_create(
            user=user,
            bookable=room_bookable,
            starts_at=start,
            ends_at=end,
            purpose="회의",
        )

    results, errors = in_parallel(book, members)
    assert len(results) == 1
    assert len(errors) == 3 and all(isinstance(e, BookingConflict) for e in errors)
    assert (
        SessionOccurrence.objects.filter(
            room=room_bookable.room, is_active=True
        ).count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_a_booking_racing_a_lecture_session_never_both_win(postgresql):
    room_bookable = Bookable.objects.create(
        room=RoomFactory(), space="research", kind="seminar_room"
    )
    member = UserFactory(organization=OrganizationFactory())
    start, end = _slot()

    def work(which):
        if which == "booking":
            return booking_create(
                user=member,
                bookable=room_bookable,
                starts_at=start,
                ends_at=end,
                purpose="회의",
            )
        return session_create(
            room=room_bookable.room,
            starts_at=start,
            ends_at=end,
            title="특강",
            kind="event",
        )

    results, errors = in_parallel(work, ["booking", "lecture"])
    assert len(results) == 1 and len(errors) == 1
    assert (
        SessionOccurrence.objects.filter(
            room=room_bookable.room, is_active=True
        ).count()
        == 1
    )
