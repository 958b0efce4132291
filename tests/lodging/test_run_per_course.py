"""The flagship flow from the English page: a learner who enrols in the
residential run from the course's English page is in the one run, gets its
lecture sessions in their personal calendar feed and can hold a bed for the
nights the sessions span."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from lms.learning.models import Enrollment
from lms.lodging.models import GenderPolicy, Stay, StayStatus
from lms.timetable.services import feed_token_for, session_create

from ..factories import UserFactory, translation_tree_create
from ..factories.timetable import SEOUL, RoomFactory

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL)


def test_an_english_page_enrolment_gets_the_sessions_and_a_bed(
    client, course, run, women_room
):
    lecture_room = RoomFactory()
    first = session_create(
        run=run,
        title="오전 강의",
        room=lecture_room,
        starts_at=_at(run.starts_on, 10),
        ends_at=_at(run.starts_on, 12),
    ).session
    last = session_create(
        run=run,
        title="마무리 발표",
        room=lecture_room,
        starts_at=_at(run.ends_on, 10),
        ends_at=_at(run.ends_on, 12),
    ).session
    english = translation_tree_create(course)
    english.title = "Local food to market"
    english.save_revision().publish()
    learner = UserFactory()
    client.force_login(learner)
    with translation.override("en"):
        page = client.get(english.url)
        assert [r.pk for r in page.context["runs"]] == [run.pk]
        assert [r.pk for r in page.context["lodging"].runs()] == [run.pk]
        response = client.post(reverse("learning:run-enroll", args=[run.pk]))
        assert response.status_code == 302
        enrollment = Enrollment.objects.get(learner=learner)
        assert (enrollment.run_id, enrollment.status) == (run.pk, "active")

        url = reverse(
            "timetable-feeds:personal", args=[feed_token_for(user=learner).token]
        )
        calendar = Calendar.from_ical(client.get(url).content)
        uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
        assert {first.uid, last.uid} <= uids

        hold = reverse("lodging:stay-hold", args=[enrollment.pk])
        form = client.get(hold)
        assert form.status_code == 200
        assert form.context["form"].initial["check_in"] == run.starts_on
        response = client.post(
            hold,
            {
                "room_policy": GenderPolicy.WOMEN,
                "check_in": run.starts_on.isoformat(),
                "check_out": run.ends_on.isoformat(),
            },
        )
    stay = Stay.objects.get()
    assert response.status_code == 302
    assert (stay.status, stay.run_id, stay.enrollment_id) == (
        StayStatus.HELD,
        run.pk,
        enrollment.pk,
    )
    assert stay.bed.room == women_room
    # the learner's stays and calendar name the course in English
    with translation.override("en"):
        for name in ("lodging:my-stays", "timetable:my-calendar"):
            assert english.title in client.get(reverse(name)).content.decode()
