"""Mentoring: office hours published by mentors, booked by learners (never
twice, never one too many), cancelled, and in both people's calendar feeds.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.community.calendar import community_calendar_entries
from lms.community.models import MentoringBooking, MentoringSlot, MentorProfile
from lms.community.services import (
    CapacityReached,
    CommunityError,
    CommunityForbidden,
    booking_cancel,
    booking_create,
    meeting_create,
    slot_cancel,
    slot_create,
    study_group_create,
)
from lms.core.calendar import CalendarEntry, calendar_entries_for, calendar_sources

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _at(hours: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=hours)


@pytest.fixture
def mentor(instructor):
    MentorProfile.objects.create(user=instructor, headline="창업 코치")
    return instructor


@pytest.fixture
def slot(mentor):
    return slot_create(
        mentor=mentor,
        starts_at=_at(48),
        ends_at=_at(49),
        places=2,
        topic="인증 상담",
        place="교육센터 2층 멘토링실",
    )


def test_only_active_mentors_publish(learner, mentor):
    with pytest.raises(CommunityForbidden):
        slot_create(mentor=learner, starts_at=_at(5), ends_at=_at(6), place="p")
    MentorProfile.objects.filter(user=mentor).update(is_active=False)
    with pytest.raises(CommunityForbidden):
        slot_create(mentor=mentor, starts_at=_at(5), ends_at=_at(6), place="p")


def test_a_mentor_s_office_hours_never_overlap(slot, mentor):
    with pytest.raises(CommunityError):
        slot_create(mentor=mentor, starts_at=_at(48.5), ends_at=_at(50), place="p")
    slot_create(mentor=mentor, starts_at=_at(49), ends_at=_at(50), place="p")


def test_booking_takes_a_place_and_tells_the_mentor(slot, learner, mentor):
    booking = booking_create(learner=learner, slot=slot, note="인증 서류 검토")
    assert MentoringSlot.objects.get(pk=slot.pk).places_taken == 1
    assert mentor.notifications.filter(kind="mentoring.booked").count() == 1
    assert booking.status == "booked"


def test_a_learner_can_never_double_book_a_slot(slot, learner):
    booking_create(learner=learner, slot=slot, note="1")
    with pytest.raises(CommunityError):
        booking_create(learner=learner, slot=slot, note="2")
    assert MentoringBooking.objects.count() == 1
    assert MentoringSlot.objects.get(pk=slot.pk).places_taken == 1


def test_the_database_refuses_a_second_active_booking(slot, learner):
    from django.db import IntegrityError, transaction

    MentoringBooking.objects.create(slot=slot, learner=learner, note="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        MentoringBooking.objects.create(slot=slot, learner=learner, note="2")


def test_a_full_slot_refuses_and_the_constraint_backs_it(slot, db):
    booking_create(learner=UserFactory(), slot=slot, note="a")
    booking_create(learner=UserFactory(), slot=slot, note="b")
    with pytest.raises(CapacityReached):
        booking_create(learner=UserFactory(), slot=slot, note="c")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MentoringSlot.objects.filter(pk=slot.pk).update(places_taken=3)


def test_no_two_bookings_at_the_same_time(slot, mentor, learner, staff):
    MentorProfile.objects.create(user=staff, headline="멘토")
    other = slot_create(mentor=staff, starts_at=_at(48.5), ends_at=_at(49.5), place="p")
    booking_create(learner=learner, slot=slot, note="a")
    with pytest.raises(CommunityError):
        booking_create(learner=learner, slot=other, note="b")


def test_one_cannot_book_one_s_own_office_hours_nor_past_ones(slot, mentor, learner):
    with pytest.raises(CommunityError):
        booking_create(learner=mentor, slot=slot, note="x")
    MentoringSlot.objects.filter(pk=slot.pk).update(starts_at=_at(-2), ends_at=_at(-1))
    with pytest.raises(CommunityError):
        booking_create(learner=learner, slot=slot, note="x")


def test_a_slot_for_a_run_is_for_its_learners(mentor, run, learner, other_run_learner):
    slot = slot_create(
        mentor=mentor, starts_at=_at(5), ends_at=_at(6), place="p", run=run
    )
    with pytest.raises(CommunityForbidden):
        booking_create(learner=other_run_learner, slot=slot, note="x")
    booking_create(learner=learner, slot=slot, note="x")


def test_cancelling_frees_the_place_and_tells_the_other_side(slot, learner, mentor):
    booking = booking_create(learner=learner, slot=slot, note="a")
    booking_cancel(user=learner, booking=booking)
    assert MentoringSlot.objects.get(pk=slot.pk).places_taken == 0
    assert mentor.notifications.filter(kind="mentoring.cancelled").count() == 1
    again = booking_create(learner=learner, slot=slot, note="다시")  # may book again
    booking_cancel(user=mentor, booking=again)
    assert learner.notifications.filter(kind="mentoring.cancelled").count() == 1


def test_someone_else_cannot_cancel_a_booking(slot, learner, learner2):
    booking = booking_create(learner=learner, slot=slot, note="a")
    with pytest.raises(CommunityForbidden):
        booking_cancel(user=learner2, booking=booking)


def test_a_learner_cannot_cancel_at_the_last_minute(slot, learner):
    booking = booking_create(learner=learner, slot=slot, note="a")
    MentoringSlot.objects.filter(pk=slot.pk).update(starts_at=_at(1), ends_at=_at(2))
    with pytest.raises(CommunityError):
        booking_cancel(user=learner, booking=booking)


def test_the_mentor_cancelling_office_hours_cancels_every_booking(
    slot, mentor, learner, learner2
):
    booking_create(learner=learner, slot=slot, note="a")
    booking_create(learner=learner2, slot=slot, note="b")
    assert slot_cancel(mentor=mentor, slot=slot) == 2
    assert set(MentoringBooking.objects.values_list("status", flat=True)) == {
        "cancelled"
    }
    assert learner.notifications.filter(kind="mentoring.cancelled").exists()
    with pytest.raises(CommunityForbidden):
        slot_cancel(mentor=learner, slot=slot)


def test_both_sides_see_the_booking_on_their_pages(client, slot, learner, mentor):
    booking_create(learner=learner, slot=slot, note="인증 서류")
    client.force_login(learner)
    mine = client.get(reverse("community:mentoring-mine")).context
    assert [b.slot_id for b in mine["bookings"]] == [slot.pk]
    client.force_login(mentor)
    mine = client.get(reverse("community:mentoring-mine")).context
    assert [b.learner for b in mine["slots"][0].active_bookings] == [learner]


def test_booking_through_the_page_and_a_bad_note(client, slot, learner):
    client.force_login(learner)
    url = reverse("community:slot-book", args=[slot.pk])
    assert client.post(url, {"note": ""}).status_code == 400
    assert client.post(url, {"note": "상담"}).status_code == 302
    assert client.post(url, {"note": "또"}).status_code == 400
    assert MentoringBooking.objects.count() == 1


def test_a_learner_may_not_publish_through_the_page(client, learner):
    client.force_login(learner)
    assert client.get(reverse("community:slot-new")).status_code == 403


# --- the calendar source ---------------------------------------------------------


def test_the_community_source_is_registered():
    assert community_calendar_entries in calendar_sources()


def test_a_booking_is_in_both_people_s_calendars(slot, learner, mentor):
    booking = booking_create(learner=learner, slot=slot, note="인증 서류")
    (entry,) = community_calendar_entries(user=learner)
    assert isinstance(entry, CalendarEntry)
    assert entry.uid == f"mentoring-booking-{booking.pk}@campus"
    assert (entry.start, entry.end, entry.status) == (
        slot.starts_at,
        slot.ends_at,
        "CONFIRMED",
    )
    assert "교육센터" in entry.location
    (mentor_entry,) = [e for e in community_calendar_entries(user=mentor)]
    assert mentor_entry.uid == f"mentoring-slot-{slot.pk}@campus"
    assert learner.display_name in mentor_entry.description
    assert mentor_entry in calendar_entries_for(user=mentor)


def test_a_cancelled_booking_stays_in_the_feed_as_cancelled_with_a_higher_sequence(
    slot, learner
):
    booking = booking_create(learner=learner, slot=slot, note="a")
    before = community_calendar_entries(user=learner)[0].sequence
    booking_cancel(user=learner, booking=booking)
    (entry,) = community_calendar_entries(user=learner)
    assert entry.status == "CANCELLED" and entry.sequence > before


def test_others_see_nothing_of_it(slot, learner, learner2, db):
    booking_create(learner=learner, slot=slot, note="a")
    assert community_calendar_entries(user=learner2) == []
    from django.contrib.auth.models import AnonymousUser

    assert community_calendar_entries(user=AnonymousUser()) == []


def test_group_meetings_are_in_the_members_calendars(learner, learner2):
    group = study_group_create(
        creator=learner, name="스터디", description="d", member_limit=4
    )
    meeting = meeting_create(
        organizer=learner,
        group=group,
        title="첫 모임",
        starts_at=_at(30),
        ends_at=_at(32),
        online_url="https://meet.example.org/s",
    )
    (entry,) = community_calendar_entries(user=learner)
    assert entry.uid == f"group-meeting-{meeting.pk}@campus"
    assert community_calendar_entries(user=learner2) == []


def test_the_source_runs_three_queries_whatever_the_entries(
    django_assert_num_queries, mentor, learner, db
):
    for n in range(6):
        slot = slot_create(
            mentor=mentor,
            starts_at=_at(10 + 2 * n),
            ends_at=_at(11 + 2 * n),
            place="p",
            places=3,
        )
        booking_create(learner=learner, slot=slot, note="a")
        booking_create(learner=UserFactory(), slot=slot, note="b")
    with django_assert_num_queries(3):
        assert len(community_calendar_entries(user=learner)) == 6
    # the mentor: bookings (none), slots, their bookings (prefetch), meetings
    with django_assert_num_queries(4):
        assert len(community_calendar_entries(user=mentor)) == 6
