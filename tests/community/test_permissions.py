"""Who may see what: the permission matrix of forums, cohorts and groups.

For each forum scope, every kind of person is tried on every page and write:
members read and post; the course's instructors and staff read and moderate;
another learner, another course's instructor and an anonymous visitor are
refused (404, or a redirect to log in) and write nothing.
"""

import pytest
from django.urls import reverse

from lms.community.models import Cohort, Post, StudyGroup, Thread
from lms.community.services import (
    cohort_member_set,
    forum_for_cohort,
    forum_for_group,
    post_create,
    study_group_create,
    thread_create,
)

from ..factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_forum(run, learner, instructor):
    cohort = Cohort.objects.create(run=run, name="A조")
    cohort_member_set(cohort=cohort, learner=learner, actor=instructor)
    return forum_for_cohort(cohort=cohort)


@pytest.fixture
def group_forum(learner):
    group = study_group_create(
        creator=learner, name="회계 스터디", description="재무제표 읽기", member_limit=5
    )
    return forum_for_group(group=group)


@pytest.fixture
def scopes(forum, cohort_forum, group_forum):
    return {"run": forum, "cohort": cohort_forum, "group": group_forum}


def _people(request, names):
    return {name: request.getfixturevalue(name) for name in names}


# who, per scope, may read (and post)
MEMBERS = {
    "run": {"learner", "learner2", "instructor", "staff"},
    "cohort": {"learner", "instructor", "staff"},
    "group": {"learner", "staff"},
}
PEOPLE = [
    "learner",
    "learner2",
    "instructor",
    "other_instructor",
    "outsider",
    "other_run_learner",
    "staff",
]


@pytest.mark.parametrize("scope", ["run", "cohort", "group"])
def test_the_forum_matrix(request, client, scopes, scope, learner):
    forum = scopes[scope]
    thread = thread_create(
        author=learner, forum=forum, title="첫 글", body="안녕하세요"
    )
    people = _people(request, PEOPLE)
    pages = [
        reverse("community:forum", args=[forum.pk]),
        reverse("community:thread", args=[thread.pk]),
        reverse("community:thread-new", args=[forum.pk]),
    ]
    for name, person in people.items():
        client.force_login(person)
        member = name in MEMBERS[scope]
        for url in pages:
            status = client.get(url).status_code
            assert status == (200 if member else 404), (scope, name, url, status)
        replied = client.post(
            reverse("community:reply", args=[thread.pk]),
            {"body": f"{name}의 답글", "body_format": "markdown"},
        )
        assert replied.status_code == (302 if member else 404), (scope, name)
        started = client.post(
            reverse("community:thread-new", args=[forum.pk]),
            {
                "kind": "discussion",
                "title": name,
                "body": "b",
                "body_format": "markdown",
            },
        )
        assert started.status_code == (302 if member else 404), (scope, name)
        client.logout()
    writers = {p.author.email for p in Post.objects.filter(thread=thread)}
    assert writers == {people[name].email for name in MEMBERS[scope]}
    assert Thread.objects.filter(forum=forum).count() == 1 + len(MEMBERS[scope])


@pytest.mark.parametrize("scope", ["run", "cohort", "group"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, scopes, scope, learner):
    forum = scopes[scope]
    thread = thread_create(author=learner, forum=forum, title="첫 글", body="안녕")
    for url in (
        reverse("community:forum", args=[forum.pk]),
        reverse("community:thread", args=[thread.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": "x", "body_format": "markdown"},
    )
    assert response.status_code == 302
    assert not Post.objects.exists()


def test_a_learner_moved_out_of_a_cohort_loses_its_forum(
    client, run, cohort_forum, learner, instructor
):
    other = Cohort.objects.create(run=run, name="B조")
    client.force_login(learner)
    assert (
        client.get(reverse("community:forum", args=[cohort_forum.pk])).status_code
        == 200
    )
    cohort_member_set(cohort=other, learner=learner, actor=instructor)
    assert (
        client.get(reverse("community:forum", args=[cohort_forum.pk])).status_code
        == 404
    )


def test_a_withdrawn_learner_loses_the_run_and_cohort_forums(
    client, run, forum, cohort_forum, learner
):
    learner.enrollments.update(status="withdrawn")
    client.force_login(learner)
    assert client.get(reverse("community:forum", args=[forum.pk])).status_code == 404
    assert (
        client.get(reverse("community:forum", args=[cohort_forum.pk])).status_code
        == 404
    )


def test_a_service_refuses_an_outsider_whatever_the_view(
    group_forum, cohort_forum, outsider, learner2
):
    from lms.community.services import CommunityForbidden

    for forum in (group_forum, cohort_forum):
        with pytest.raises(CommunityForbidden):
            thread_create(author=outsider, forum=forum, title="t", body="b")
        with pytest.raises(CommunityForbidden):
            thread_create(author=learner2, forum=forum, title="t", body="b")


def test_hidden_and_deleted_threads_are_for_moderators_only(
    client, forum, learner, learner2, instructor
):
    thread = thread_create(author=learner, forum=forum, title="숨김", body="b")
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    url = reverse("community:thread", args=[thread.pk])
    client.force_login(learner2)
    assert client.get(url).status_code == 404
    assert thread.pk not in [
        t.pk
        for t in client.get(reverse("community:forum", args=[forum.pk])).context[
            "threads"
        ]
    ]
    client.force_login(instructor)
    assert client.get(url).status_code == 200


def test_the_moderation_pages_are_for_moderators(
    client, learner, other_instructor, instructor, forum
):
    for person, expected in ((learner, 403), (instructor, 200)):
        client.force_login(person)
        assert client.get(reverse("community:moderation-queue")).status_code == expected
        assert client.get(reverse("community:moderation-log")).status_code == expected
    client.force_login(learner)
    assert (
        client.get(reverse("community:ban", args=[forum.pk, learner.pk])).status_code
        == 403
    )
    client.force_login(other_instructor)
    # another course's instructor moderates their own forums only
    assert (
        client.get(reverse("community:ban", args=[forum.pk, learner.pk])).status_code
        == 404
    )


def test_an_invitation_only_group_is_invisible_to_outsiders(
    client, learner, learner2, outsider, other_instructor
):
    group = study_group_create(
        creator=learner,
        name="비공개 모임",
        description="초대 전용",
        member_limit=4,
        join_policy="invitation",
    )
    url = reverse("community:group-detail", args=[group.pk])
    for person in (learner2, outsider, other_instructor):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert (
            client.post(reverse("community:group-join", args=[group.pk])).status_code
            == 404
        )
    client.logout()
    assert client.get(url).status_code == 302
    assert StudyGroup.objects.get(pk=group.pk).member_count == 1


def test_an_open_run_group_is_for_that_run_only(
    client, run, learner, learner2, other_run_learner
):
    group = study_group_create(
        creator=learner, name="2기 스터디", description="함께", member_limit=4, run=run
    )
    client.force_login(learner2)
    assert (
        client.get(reverse("community:group-detail", args=[group.pk])).status_code
        == 200
    )
    client.force_login(other_run_learner)
    assert (
        client.get(reverse("community:group-detail", args=[group.pk])).status_code
        == 404
    )


def test_notifications_are_the_recipient_s_own(client, learner, learner2, thread):
    post_create(author=learner2, thread=thread, body="답글")
    notification = learner.notifications.get()
    client.force_login(learner2)
    assert (
        client.get(
            reverse("community:notification-open", args=[notification.pk])
        ).status_code
        == 404
    )
    client.force_login(learner)
    response = client.get(
        reverse("community:notification-open", args=[notification.pk])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("community:thread", args=[thread.pk])
    )


def test_the_cohort_manager_is_for_the_course_s_teachers(
    client, run, learner, other_instructor, instructor, staff
):
    url = reverse("community:cohorts", args=[run.pk])
    for person, expected in (
        (learner, 403),
        (other_instructor, 403),
        (instructor, 200),
        (staff, 200),
    ):
        client.force_login(person)
        assert client.get(url).status_code == expected
        response = client.post(
            reverse("community:cohort-new", args=[run.pk]), {"name": person.email}
        )
        assert response.status_code == (302 if expected == 200 else 403)
    assert set(Cohort.objects.values_list("name", flat=True)) == {
        instructor.email,
        staff.email,
    }
    client.logout()
    assert client.get(url).status_code == 302


def test_a_reply_to_another_thread_s_post_is_refused(
    client, forum, thread, learner, learner2
):
    other = thread_create(author=learner, forum=forum, title="다른 글", body="b")
    foreign = post_create(author=learner2, thread=other, body="x")
    client.force_login(learner2)
    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": "답", "body_format": "markdown", "parent": foreign.pk},
    )
    assert response.status_code == 400
    assert not Post.objects.filter(thread=thread).exists()


def test_enrolled_later_the_learner_can_read(client, run, forum, thread, outsider):
    client.force_login(outsider)
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 404
    EnrollmentFactory(run=run, learner=outsider)
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 200
