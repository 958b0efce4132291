"""Study groups: start, join within the limit, invitations, leaving, meetings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.community.models import StudyGroup, StudyGroupMeeting, StudyGroupMembership
from lms.community.services import (
    CapacityReached,
    CommunityError,
    CommunityForbidden,
    meeting_create,
    study_group_create,
    study_group_invite,
    study_group_join,
    study_group_leave,
)

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(learner):
    return study_group_create(
        creator=learner, name="마케팅 스터디", description="브랜딩 공부", member_limit=3
    )


def test_the_creator_is_the_organizer_and_the_group_has_a_forum(group, learner):
    membership = StudyGroupMembership.objects.get(group=group)
    assert (membership.user, membership.role) == (learner, "organizer")
    assert group.member_count == 1 and group.forum


def test_joining_stops_at_the_limit(group, db):
    study_group_join(user=UserFactory(), group=group)
    study_group_join(user=UserFactory(), group=group)
    with pytest.raises(CapacityReached):
        study_group_join(user=UserFactory(), group=group)
    assert StudyGroup.objects.get(pk=group.pk).member_count == 3
    assert StudyGroupMembership.objects.filter(group=group).count() == 3


def test_joining_twice_is_a_no_op(group, learner2):
    first = study_group_join(user=learner2, group=group)
    assert study_group_join(user=learner2, group=group).pk == first.pk
    assert StudyGroup.objects.get(pk=group.pk).member_count == 2


def test_the_database_refuses_one_member_too_many(group):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        StudyGroup.objects.filter(pk=group.pk).update(member_count=4)


def test_a_full_group_answers_409_with_a_message(client, group, db):
    for _ in range(2):
        study_group_join(user=UserFactory(), group=group)
    client.force_login(UserFactory())
    response = client.post(reverse("community:group-join", args=[group.pk]))
    assert response.status_code == 409
    assert "full" in response.content.decode() or "찼" in response.content.decode()


def test_an_invitation_lets_one_join_a_closed_group(client, learner, learner2):
    group = study_group_create(
        creator=learner,
        name="비공개",
        description="초대",
        member_limit=4,
        join_policy="invitation",
    )
    with pytest.raises(CommunityForbidden):
        study_group_join(user=learner2, group=group)
    study_group_invite(organizer=learner, group=group, email=learner2.email.upper())
    assert learner2.notifications.filter(kind="group.invited").count() == 1
    client.force_login(learner2)
    assert (
        client.get(reverse("community:group-detail", args=[group.pk])).status_code
        == 200
    )
    assert (
        client.post(reverse("community:group-join", args=[group.pk])).status_code == 302
    )
    assert StudyGroupMembership.objects.filter(group=group, user=learner2).exists()


def test_only_organizers_invite_and_only_people_who_exist(group, learner, learner2):
    with pytest.raises(CommunityForbidden):
        study_group_invite(organizer=learner2, group=group, email="x@example.org")
    with pytest.raises(CommunityError):
        study_group_invite(organizer=learner, group=group, email="nobody@example.org")


def test_the_last_organizer_leaving_hands_over(group, learner, learner2):
    study_group_join(user=learner2, group=group)
    study_group_leave(user=learner, group=group)
    assert StudyGroupMembership.objects.get(group=group).role == "organizer"
    assert StudyGroup.objects.get(pk=group.pk).member_count == 1


def test_a_group_of_a_run_is_for_its_learners(run, learner, other_run_learner):
    group = study_group_create(
        creator=learner, name="2기", description="d", member_limit=4, run=run
    )
    with pytest.raises(CommunityForbidden):
        study_group_join(user=other_run_learner, group=group)


def test_bad_input_starting_a_group_is_refused(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("community:group-new"),
        {"name": "", "description": "", "member_limit": 1000, "join_policy": "open"},
    )
    assert response.status_code == 400
    assert not StudyGroup.objects.exists()


def test_starting_a_group_through_the_page(client, run, learner):
    client.force_login(learner)
    response = client.post(
        reverse("community:group-new"),
        {
            "name": "회계 스터디",
            "description": "재무제표",
            "member_limit": 5,
            "join_policy": "open",
            "run": run.pk,
        },
    )
    group = StudyGroup.objects.get()
    assert response["Location"] == reverse("community:group-detail", args=[group.pk])
    assert group.run == run


def _soon(hours=24):
    return timezone.now() + dt.timedelta(hours=hours)


def test_an_organizer_plans_a_meeting_and_members_hear_of_it(group, learner, learner2):
    study_group_join(user=learner2, group=group)
    meeting = meeting_create(
        organizer=learner,
        group=group,
        title="첫 모임",
        starts_at=_soon(),
        ends_at=_soon(26),
        place="조직타운 3층 회의실 2",
    )
    assert learner2.notifications.filter(kind="group.meeting").count() == 1
    with pytest.raises(CommunityForbidden):
        meeting_create(
            organizer=learner2,
            group=group,
            title="x",
            starts_at=_soon(),
            ends_at=_soon(25),
            place="p",
        )
    assert meeting.place == "조직타운 3층 회의실 2"


@pytest.mark.parametrize(
    "fields",
    [
        {"starts_at": _soon(3), "ends_at": _soon(2), "place": "p"},  # ends first
        {"starts_at": _soon(-3), "ends_at": _soon(-2), "place": "p"},  # in the past
        {"starts_at": _soon(), "ends_at": _soon(25)},  # nowhere
        {
            "starts_at": _soon(),
            "ends_at": _soon(25),
            "online_url": "javascript:alert(1)",
        },
        {"starts_at": _soon(), "ends_at": _soon(40), "place": "p"},  # 16 hours
    ],
)
def test_a_meeting_must_make_sense(group, learner, fields):
    with pytest.raises(CommunityError):
        meeting_create(organizer=learner, group=group, title="모임", **fields)
    assert not StudyGroupMeeting.objects.exists()


def test_non_members_do_not_see_meetings_or_members(client, group, learner, learner2):
    meeting_create(
        organizer=learner,
        group=group,
        title="비밀 모임",
        starts_at=_soon(),
        ends_at=_soon(25),
        online_url="https://meet.example.org/x",
    )
    client.force_login(learner2)
    page = client.get(reverse("community:group-detail", args=[group.pk]))
    assert page.status_code == 200  # an open group: its description shows
    assert "meet.example.org" not in page.content.decode()
    assert "members" not in page.context
