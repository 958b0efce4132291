"""Views: who may see what, bad input, and the pages doing their job."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.timetable.models import Attendance, LectureSession
from lms.timetable.services import checkin_code_make, session_create

from ..factories.timetable import MONDAY, at, meeting_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(room, run, instructor):
    now = timezone.now()
    return meeting_create(
        room=room,
        run=run,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=1),
        instructors=[instructor],
    )


def _login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the roster and the QR screen: the session's instructors and staff only -----


@pytest.mark.parametrize("name", ["timetable:attendance", "timetable:checkin-qr"])
def test_the_sessions_instructor_opens_the_roster_and_the_qr_screen(
    client, meeting, instructor, learner, name
):
    client.force_login(instructor)
    response = client.get(reverse(name, args=[meeting.pk]))
    assert response.status_code == 200
    if name == "timetable:attendance":
        assert learner.display_name in response.content.decode()
    else:
        assert "<svg" in response.content.decode()


@pytest.mark.parametrize("name", ["timetable:attendance", "timetable:checkin-qr"])
def test_another_courses_instructor_and_a_learner_are_refused(
    client, meeting, other_instructor, learner, name
):
    for person in (other_instructor, learner):
        client.force_login(person)
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 403


@pytest.mark.parametrize("name", ["timetable:attendance", "timetable:checkin-qr"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, meeting, name):
    assert _login_redirect(client.get(reverse(name, args=[meeting.pk])))


def test_another_learner_cannot_post_marks(client, meeting, learner, other_learner):
    client.force_login(other_learner)
    url = reverse("timetable:attendance", args=[meeting.pk])
    response = client.post(url, {f"learner_{learner.pk}": "absent"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_instructor_saves_the_roster(client, meeting, instructor, learner):
    client.force_login(instructor)
    url = reverse("timetable:attendance", args=[meeting.pk])
    response = client.post(url, {f"learner_{learner.pk}": "late"})
    assert response.status_code == 302
    assert Attendance.objects.get(learner=learner).status == "late"


# --- check-in ----------------------------------------------------------------------


def test_the_learner_scans_confirms_and_is_checked_in(client, meeting, learner):
    url = reverse("timetable:check-in", args=[checkin_code_make(occurrence=meeting)])
    client.force_login(learner)
    assert client.get(url).status_code == 200
    assert not Attendance.objects.exists()  # a GET writes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert Attendance.objects.get(learner=learner).status == "present"


def test_check_in_sends_an_anonymous_visitor_to_log_in_first(client, meeting):
    url = reverse("timetable:check-in", args=[checkin_code_make(occurrence=meeting)])
    response = client.post(url)
    assert _login_redirect(response)
    assert not Attendance.objects.exists()


def test_a_learner_of_another_course_cannot_check_in(client, meeting, other_learner):
    url = reverse("timetable:check-in", args=[checkin_code_make(occurrence=meeting)])
    client.force_login(other_learner)
    response = client.post(url)
    assert response.status_code == 400
    assert "수강" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_forged_code_is_a_400_with_a_message(client, learner):
    client.force_login(learner)
    response = client.get(reverse("timetable:check-in", args=["eyJvIjoxfQ:forged:sig"]))
    assert response.status_code == 400
    assert "유효하지" in response.content.decode()


# --- the staff timetable and scheduling ---------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("timetable:timetable"),
        reverse("timetable:timetable") + "?view=month",
        reverse("timetable:session-new"),
    ],
)
def test_staff_screens_are_refused_to_instructors_and_learners(
    client, url, instructor, learner
):
    assert _login_redirect(client.get(url))
    for person in (instructor, learner):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_staff_see_the_week_with_meetings_and_free_slots(client, staff, room, run):
    session_create(
        run=run,
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="협동조합 특강",
    )
    client.force_login(staff)
    response = client.get(reverse("timetable:timetable"), {"start": MONDAY.isoformat()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "협동조합 특강" in page
    (lane,) = response.context["grid"].lanes
    monday = lane.cells[0]
    assert [slot.text for slot in monday.free] == ["08:00–10:00", "12:00–22:00"]
    assert [(slot.opens.hour, slot.closes.hour) for slot in monday.free] == [
        (8, 10),
        (12, 22),
    ]
    assert response.context["grid"].conflicts == 0


def test_staff_see_the_month(client, staff, room, run):
    session_create(
        run=run,
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="월간 특강",
        rrule="FREQ=WEEKLY;COUNT=3",
    )
    client.force_login(staff)
    response = client.get(
        reverse("timetable:timetable"), {"view": "month", "start": "2031-03-01"}
    )
    assert response.status_code == 200
    assert response.content.decode().count("월간 특강") == 3


def test_staff_schedule_a_session_through_the_form(client, staff, room, run):
    client.force_login(staff)
    response = client.post(
        reverse("timetable:session-new"),
        {
            "kind": "lecture",
            "run": run.pk,
            "title": "협동조합 회계 실습",
            "room": room.pk,
            "date": MONDAY.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "rrule": "FREQ=WEEKLY;COUNT=2",
        },
    )
    session = LectureSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("timetable:session", args=[session.pk])
    assert session.occurrences.count() == 2


def test_an_overlapping_booking_in_the_form_is_a_400_saying_why(client, staff, room):
    session_create(
        kind="event",
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="정기총회",
    )
    client.force_login(staff)
    response = client.post(
        reverse("timetable:session-new"),
        {
            "kind": "event",
            "title": "겹치는 대관",
            "room": room.pk,
            "date": MONDAY.isoformat(),
            "start_time": "11:00",
            "end_time": "13:00",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "정기총회" in page and "이미 예약" in page
    assert LectureSession.objects.count() == 1


def test_a_recurrence_bomb_in_the_form_is_a_400(client, staff, room):
    client.force_login(staff)
    response = client.post(
        reverse("timetable:session-new"),
        {
            "kind": "event",
            "title": "폭탄",
            "room": room.pk,
            "date": MONDAY.isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "rrule": "FREQ=MINUTELY",
        },
    )
    assert response.status_code == 400
    assert not LectureSession.objects.exists()


# --- session pages --------------------------------------------------------------------


def test_a_session_of_a_published_run_is_public_with_add_to_calendar_links(
    client, room, run
):
    session = session_create(
        run=run, room=room, starts_at=at(0, 10), ends_at=at(0, 12), title="공개 특강"
    ).session
    response = client.get(reverse("timetable:session", args=[session.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "calendar.google.com" in page
    assert reverse("timetable-feeds:session", args=[session.pk]) in page
    assert "QR" not in page  # no roster links for a visitor


def test_a_room_booking_is_hidden_from_visitors_and_learners(client, room, learner):
    booking = session_create(
        kind="event",
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="내부 회의",
    ).session
    assert (
        client.get(reverse("timetable:session", args=[booking.pk])).status_code == 404
    )
    client.force_login(learner)
    assert (
        client.get(reverse("timetable:session", args=[booking.pk])).status_code == 404
    )
    assert (
        client.get(reverse("timetable-feeds:session", args=[booking.pk])).status_code
        == 404
    )


def test_my_calendar_shows_the_feed_address_and_rotating_changes_it(
    client, learner, meeting
):
    client.force_login(learner)
    first = client.get(reverse("timetable:my-calendar"))
    assert first.status_code == 200
    assert meeting.session.title in first.content.decode()
    old = first.context["token"].token
    assert client.post(reverse("timetable:feed-rotate")).status_code == 302
    second = client.get(reverse("timetable:my-calendar"))
    assert second.context["token"].token != old
    assert old not in second.content.decode()


def test_my_calendar_sends_an_anonymous_visitor_to_log_in(client):
    assert _login_redirect(client.get(reverse("timetable:my-calendar")))
    assert _login_redirect(client.post(reverse("timetable:feed-rotate")))


def test_the_run_schedule_page_lists_the_sessions(client, run, room):
    session_create(
        run=run, room=room, starts_at=at(0, 10), ends_at=at(0, 12), title="1차시 특강"
    )
    response = client.get(reverse("timetable:run-schedule", args=[run.pk]))
    assert response.status_code == 200
    assert "1차시 특강" in response.content.decode()
    assert "webcal://" in response.content.decode()


def test_staff_change_a_session_through_the_form_and_learners_hear_of_it(
    client, staff, room, other_room, run, learner, django_capture_on_commit_callbacks
):
    from django.core import mail

    session = session_create(
        run=run, room=room, starts_at=at(0, 10), ends_at=at(0, 12), title="회계 실습"
    ).session
    client.force_login(staff)
    url = reverse("timetable:session-edit", args=[session.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "kind": "lecture",
                "run": run.pk,
                "title": "회계 실습",
                "room": other_room.pk,
                "date": MONDAY.isoformat(),
                "start_time": "13:00",
                "end_time": "15:00",
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.room, session.starts_at, session.sequence) == (
        other_room,
        at(0, 13),
        1,
    )
    assert [m.to for m in mail.outbox] == [[learner.email]]


def test_staff_cancel_a_meeting_and_a_session_others_cannot(
    client, staff, instructor, room, run, notified
):
    session = session_create(
        run=run,
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="주간 특강",
        rrule="FREQ=WEEKLY;COUNT=3",
    ).session
    second = session.occurrences.get(index=1)
    client.force_login(instructor)
    cancel_url = reverse("timetable:session-cancel", args=[session.pk])
    assert client.post(cancel_url).status_code == 403
    assert (
        client.post(
            reverse("timetable:occurrence-cancel", args=[second.pk])
        ).status_code
        == 403
    )
    client.force_login(staff)
    client.post(reverse("timetable:occurrence-cancel", args=[second.pk]))
    second.refresh_from_db()
    assert second.is_excluded
    client.post(cancel_url, {"reason": "강사 사정"})
    session.refresh_from_db()
    assert session.status == "cancelled" and session.cancel_reason == "강사 사정"
    page = client.get(reverse("timetable:session", args=[session.pk])).content.decode()
    assert "취소" in page
