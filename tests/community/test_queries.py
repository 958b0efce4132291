"""SQL query counts of the community's pages do not grow with rows.

Each page is counted with a few rows and again with many; the counts are
pinned. A first request warms the site, session and unread-count caches.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.community.models import (
    Flag,
    MentoringSlot,
    MentorProfile,
    Notification,
    PostVote,
)
from lms.community.services import (
    cohort_create,
    cohorts_fill,
    content_hide,
    notification_send_many,
    peer_review_assign,
    study_group_create,
    thread_create,
)

from ..factories import EnrollmentFactory, UserFactory
from ..factories.community import replies_bulk_create, threads_bulk_create

pytestmark = pytest.mark.django_db

# the site shell (base.html) runs no query once its parts are cached
# session, user; thread with forum, staff group, instructor, membership, ban;
# read state; top-level count and ids; replies with authors; votes; teachers;
# following
THREAD_QUERIES = 14
# session, user; forum, staff group, instructor, membership, ban; count; page
FORUM_QUERIES = 9


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def authors(run):
    people = [EnrollmentFactory(run=run).learner for _ in range(12)]
    for person in people[:6]:
        person.organization_id = None
    return people


def test_a_thread_page_with_200_replies_runs_as_many_queries_as_with_10(
    client, forum, learner, authors
):
    small = thread_create(author=learner, forum=forum, title="작은 글", body="b")
    big = thread_create(author=learner, forum=forum, title="큰 글", body="b")
    replies_bulk_create(thread=small, authors=authors, count=10)
    posts = replies_bulk_create(thread=big, authors=authors, count=200)
    PostVote.objects.bulk_create(
        PostVote(post=p, user=learner) for p in posts[:50] if p.author_id != learner.pk
    )
    client.force_login(learner)
    assert (
        _count(client, reverse("community:thread", args=[small.pk])) == THREAD_QUERIES
    )
    assert _count(client, reverse("community:thread", args=[big.pk])) == THREAD_QUERIES
    # 50 replies to the thread a page, each with the answers to it
    url = reverse("community:thread", args=[big.pk])
    shown = 0
    for number in (1, 2, 3):
        page = f"{url}?page={number}"
        assert _count(client, page) == THREAD_QUERIES
        replies = client.get(page).context["replies"]
        shown += sum(1 + len(node.children) for node in replies)
    assert shown == 200


def test_a_moderator_s_thread_page_is_flat_too(
    client, forum, learner, instructor, authors
):
    big = thread_create(author=learner, forum=forum, title="큰 글", body="b")
    posts = replies_bulk_create(thread=big, authors=authors, count=200)
    content_hide(actor=instructor, thread=big, post=posts[3])
    client.force_login(instructor)
    count = _count(client, reverse("community:thread", args=[big.pk]))
    small = thread_create(author=learner, forum=forum, title="작은 글", body="b")
    replies_bulk_create(thread=small, authors=authors, count=3)
    assert _count(client, reverse("community:thread", args=[small.pk])) == count


def test_the_forum_index_runs_as_many_queries_with_5_or_600_threads(
    client, forum, learner, authors
):
    threads_bulk_create(forum=forum, authors=authors, count=5)
    client.force_login(learner)
    url = reverse("community:forum", args=[forum.pk])
    assert _count(client, url) == FORUM_QUERIES
    threads_bulk_create(forum=forum, authors=authors, count=595, start=5)
    assert _count(client, url) == FORUM_QUERIES
    assert _count(client, url + "?page=7") == FORUM_QUERIES
    assert _count(client, url + "?q=이야기&kind=question") == FORUM_QUERIES


def test_the_notification_centre_is_flat(client, learner, authors):
    notification_send_many(recipients=[learner], kind="x", title="t", actor=authors[0])
    client.force_login(learner)
    url = reverse("community:notifications")
    few = _count(client, url)
    for n in range(80):
        Notification.objects.create(
            recipient=learner, kind="x", title=f"t{n}", actor=authors[n % 12]
        )
    assert _count(client, url) == few == 4  # session, user, count, one page


def test_the_community_home_is_flat(client, run, learner, authors, catalog):
    client.force_login(learner)
    url = reverse("community:home")
    few = _count(client, url)
    from ..factories import CourseRunFactory, course_tree_create

    for _ in range(4):
        EnrollmentFactory(
            run=CourseRunFactory(course=course_tree_create(index=catalog, lessons=1)),
            learner=learner,
        )
    for n in range(5):
        group = study_group_create(
            creator=authors[n], name=f"스터디 {n}", description="d", member_limit=5
        )
        group.memberships.create(user=learner)
    assert _count(client, url) == few


def test_the_group_list_is_flat(client, learner, authors):
    client.force_login(learner)
    url = reverse("community:groups")
    study_group_create(
        creator=authors[0], name="스터디", description="d", member_limit=5
    )
    few = _count(client, url)
    for n in range(30):
        study_group_create(
            creator=authors[n % 12], name=f"스터디 {n}", description="d", member_limit=5
        )
    assert _count(client, url) == few


def test_the_mentoring_pages_are_flat(client, learner, instructor, authors):
    MentorProfile.objects.create(user=instructor, headline="코치")
    client.force_login(learner)
    start = timezone.now() + dt.timedelta(days=1)

    def slots(n0, n1):
        MentoringSlot.objects.bulk_create(
            MentoringSlot(
                mentor=instructor,
                starts_at=start + dt.timedelta(hours=2 * n),
                ends_at=start + dt.timedelta(hours=2 * n + 1),
                place="p",
            )
            for n in range(n0, n1)
        )

    slots(0, 2)
    counts = [
        _count(client, reverse("community:mentoring")),
        _count(client, reverse("community:mentoring-mine")),
    ]
    slots(2, 40)
    assert [
        _count(client, reverse("community:mentoring")),
        _count(client, reverse("community:mentoring-mine")),
    ] == counts
    client.force_login(instructor)
    mine = _count(client, reverse("community:mentoring-mine"))
    slots(40, 60)
    assert _count(client, reverse("community:mentoring-mine")) == mine


def test_the_moderation_queue_and_log_are_flat(
    client, forum, learner, instructor, authors
):
    threads = threads_bulk_create(forum=forum, authors=authors, count=60)
    client.force_login(instructor)
    Flag.objects.create(forum=forum, thread=threads[0], reporter=learner, reason="spam")
    content_hide(actor=instructor, thread=threads[59])
    counts = [
        _count(client, reverse("community:moderation-queue")),
        _count(client, reverse("community:moderation-log")),
    ]
    Flag.objects.bulk_create(
        Flag(forum=forum, thread=t, reporter=authors[n % 12], reason="spam")
        for n, t in enumerate(threads[1:])
    )
    for t in threads[:20]:
        content_hide(actor=instructor, thread=t)
    assert [
        _count(client, reverse("community:moderation-queue")),
        _count(client, reverse("community:moderation-log")),
    ] == counts


def test_the_cohort_manager_is_flat(client, run, instructor, authors):
    client.force_login(instructor)
    url = reverse("community:cohorts", args=[run.pk])
    cohort_create(run=run, name="A", actor=instructor)
    few = _count(client, url)
    for _ in range(40):
        EnrollmentFactory(run=run, learner=UserFactory())
    cohort_create(run=run, name="B", actor=instructor)
    cohorts_fill(run=run, strategy="round_robin", actor=instructor)
    for _ in range(10):
        EnrollmentFactory(run=run, learner=UserFactory())
    assert _count(client, url) == few


def test_the_peer_review_pages_are_flat(client, run, course, instructor):
    from decimal import Decimal

    from courses.models import AssignmentPage, CourseModulePage
    from lms.community.models import PeerReviewSettings
    from lms.learning.services import submission_create

    module = CourseModulePage.objects.child_of(course).first()
    assignment = AssignmentPage(
        title="과제",
        slug="a",
        grade_category="assignment",
        instructions=[],
        max_points=Decimal(10),
        due_at=timezone.now() + dt.timedelta(days=1),
    )
    module.add_child(instance=assignment)
    PeerReviewSettings.objects.create(assignment=assignment)

    def submit(count):
        people = []
        for n in range(count):
            person = EnrollmentFactory(run=run, learner=UserFactory()).learner
            submission_create(learner=person, assignment=assignment, text=f"t{n}")
            people.append(person)
        return people

    first = submit(3)
    peer_review_assign(assignment=assignment)
    client.force_login(instructor)
    overview = reverse("community:review-overview", args=[assignment.pk])
    few = _count(client, overview)
    client.force_login(first[0])
    reviews = _count(client, reverse("community:reviews"))
    submit(25)  # late work: assigned as it comes
    client.force_login(instructor)
    assert _count(client, overview) == few
    client.force_login(first[0])
    assert _count(client, reverse("community:reviews")) == reviews
