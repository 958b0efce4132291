"""Every write endpoint refuses people who may not use it, and writes nothing:
another learner, another course's instructor, and an anonymous visitor.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.community.models import (
    MentoringBooking,
    MentoringSlot,
    MentorProfile,
    ModerationLog,
    Post,
    PostVote,
    StudyGroupMeeting,
    Thread,
)
from lms.community.services import (
    booking_create,
    meeting_create,
    post_create,
    slot_create,
    study_group_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(thread, learner, learner2, instructor):
    """A thread with a reply, a group with a meeting, a booked slot."""
    reply = post_create(author=learner2, thread=thread, body="답")
    group = study_group_create(
        creator=learner,
        name="모임",
        description="d",
        member_limit=4,
        join_policy="invitation",
    )
    soon = timezone.now() + dt.timedelta(days=2)
    meeting = meeting_create(
        organizer=learner,
        group=group,
        title="모임",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=1),
        place="조직타운",
    )
    MentorProfile.objects.create(user=instructor, headline="멘토")
    slot = slot_create(
        mentor=instructor,
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=1),
        place="p",
        places=2,
    )
    booking = booking_create(learner=learner, slot=slot, note="상담")
    return {
        "thread": thread,
        "reply": reply,
        "group": group,
        "meeting": meeting,
        "slot": slot,
        "booking": booking,
    }


def _endpoints(w):
    t, p = w["thread"].pk, w["reply"].pk
    return [
        ("post", reverse("community:vote", args=[p]), {}),
        ("post", reverse("community:accept", args=[p]), {}),
        ("post", reverse("community:endorse", args=[p]), {}),
        ("post", reverse("community:follow", args=[t]), {}),
        ("post", reverse("community:delete", args=[t]), {"post": p}),
        ("post", reverse("community:moderate", args=[t, "hide"]), {"post": p}),
        ("post", reverse("community:moderate", args=[t, "lock"]), {}),
        ("post", reverse("community:flag", args=[t]), {"reason": "spam", "post": p}),
        ("get", reverse("community:post-edit", args=[p]), {}),
        (
            "post",
            reverse("community:post-edit", args=[p]),
            {"body": "x", "body_format": "markdown"},
        ),
        ("get", reverse("community:thread-edit", args=[t]), {}),
        (
            "post",
            reverse("community:group-invite", args=[w["group"].pk]),
            {"email": "a@b.c"},
        ),
        (
            "post",
            reverse("community:meeting-new", args=[w["group"].pk]),
            {"title": "x"},
        ),
        ("post", reverse("community:meeting-cancel", args=[w["meeting"].pk]), {}),
        ("post", reverse("community:booking-cancel", args=[w["booking"].pk]), {}),
        ("post", reverse("community:slot-cancel", args=[w["slot"].pk]), {}),
    ]


def _snapshot():
    return (
        Post.objects.filter(deleted_at__isnull=True, is_hidden=False).count(),
        PostVote.objects.count(),
        ModerationLog.objects.count(),
        Thread.objects.filter(is_locked=True).count(),
        StudyGroupMeeting.objects.filter(is_cancelled=False).count(),
        MentoringBooking.objects.filter(status="booked").count(),
        MentoringSlot.objects.filter(status="open").count(),
    )


@pytest.mark.parametrize("who", ["outsider", "other_instructor", "other_run_learner"])
def test_people_outside_are_refused_everywhere(request, client, world, who):
    client.force_login(request.getfixturevalue(who))
    before = _snapshot()
    for method, url, data in _endpoints(world):
        status = getattr(client, method)(url, data).status_code
        assert status in (403, 404), (who, url, status)
    assert _snapshot() == before


def test_an_anonymous_visitor_is_sent_to_log_in_everywhere(client, world):
    before = _snapshot()
    for method, url, data in _endpoints(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    assert _snapshot() == before


def test_a_fellow_learner_is_refused_what_is_not_theirs(
    client, world, learner2, learner
):
    """learner2 reads the forum but owns neither thread, group nor booking."""
    client.force_login(learner2)
    before = _snapshot()
    t, p = world["thread"].pk, world["reply"].pk
    assert client.post(reverse("community:accept", args=[p])).status_code == 403
    assert client.post(reverse("community:endorse", args=[p])).status_code == 403
    assert (
        client.post(reverse("community:moderate", args=[t, "lock"])).status_code == 403
    )
    assert client.get(reverse("community:thread-edit", args=[t])).status_code == 404
    assert client.post(reverse("community:delete", args=[t])).status_code == 403
    assert (
        client.post(
            reverse("community:booking-cancel", args=[world["booking"].pk])
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("community:slot-cancel", args=[world["slot"].pk])
        ).status_code
        == 403
    )
    assert _snapshot() == before
