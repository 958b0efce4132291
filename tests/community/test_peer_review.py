"""Peer review: fair assignment, the fallback to the instructor, rubric
reviews, anonymity, and who may see what.
"""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.community import tasks
from lms.community.models import PeerReview, PeerReviewSettings
from lms.community.services import (
    CommunityError,
    CommunityForbidden,
    circular_assignment,
    peer_review_assign,
    peer_review_submit,
    peer_reviews_overdue_handle,
)
from lms.learning.services import submission_create

from ..factories import EnrollmentFactory

pytestmark = pytest.mark.django_db

RUBRIC = [
    {
        "type": "criterion",
        "value": {
            "criterion": "문제 정의",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "우수", "points": "10", "description": ""},
            ],
        },
    },
    {
        "type": "criterion",
        "value": {
            "criterion": "실행 계획",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "보통", "points": "5", "description": ""},
                {"label": "우수", "points": "10", "description": ""},
            ],
        },
    },
]


@given(
    authors=st.sets(
        st.integers(min_value=1, max_value=10_000), min_size=2, max_size=40
    ),
    per=st.integers(min_value=1, max_value=5),
    seed=st.integers(min_value=0, max_value=10_000),
)
@settings(max_examples=60, deadline=None)
def test_the_circle_is_fair_for_any_pool(authors, per, seed):
    pairs = circular_assignment(list(authors), per_submission=per, seed=seed)
    k = min(per, len(authors) - 1)
    given_by = Counter(reviewer for reviewer, _ in pairs)
    received = Counter(author for _, author in pairs)
    assert all(reviewer != author for reviewer, author in pairs)
    assert len(set(pairs)) == len(pairs)
    assert set(given_by.values()) == {k} and set(given_by) == set(authors)
    assert set(received.values()) == {k} and set(received) == set(authors)


def test_the_same_pool_and_seed_give_the_same_pairs():
    assert circular_assignment(
        [3, 1, 2, 9], per_submission=2, seed=7
    ) == circular_assignment([9, 2, 1, 3], per_submission=2, seed=7)


@pytest.fixture
def assignment(course):
    from courses.models import AssignmentPage, CourseModulePage

    module = CourseModulePage.objects.child_of(course).first()
    page = AssignmentPage(
        title="사업계획서",
        slug="plan",
        grade_category="assignment",
        instructions=[("paragraph", "<p>제출</p>")],
        rubric=RUBRIC,
        max_points=Decimal(20),
        due_at=timezone.now() + dt.timedelta(days=1),
    )
    module.add_child(instance=page)
    page = AssignmentPage.objects.get(pk=page.pk)
    PeerReviewSettings.objects.create(assignment=page, reviewers_per_submission=2)
    return page


def _submitters(run, assignment, count):
    people = []
    for n in range(count):
        learner = EnrollmentFactory(run=run).learner
        submission_create(learner=learner, assignment=assignment, text=f"계획 {n}")
        people.append(learner)
    return people


def test_a_round_gives_everyone_two_to_review_and_two_reviews(
    run, assignment, instructor
):
    people = _submitters(run, assignment, 6)
    report = peer_review_assign(assignment=assignment)
    assert (report.peer_reviews, report.fallback_reviews) == (12, 0)
    reviews = PeerReview.objects.filter(assignment=assignment)
    assert Counter(r.reviewer_id for r in reviews) == {p.pk: 2 for p in people}
    assert set(Counter(r.submission_id for r in reviews).values()) == {2}
    assert not reviews.filter(submission__learner=F("reviewer")).exists()
    assert people[0].notifications.filter(kind="peer_review.assigned").count() == 1


def test_running_the_round_again_changes_nothing(run, assignment):
    _submitters(run, assignment, 4)
    peer_review_assign(assignment=assignment)
    assert peer_review_assign(assignment=assignment).peer_reviews == 0
    assert PeerReview.objects.count() == 8


def test_the_latest_version_is_reviewed(run, assignment):
    learner = _submitters(run, assignment, 3)[0]
    latest = submission_create(learner=learner, assignment=assignment, text="고친 계획")
    peer_review_assign(assignment=assignment)
    assert set(
        PeerReview.objects.filter(submission__learner=learner).values_list(
            "submission_id", flat=True
        )
    ) == {latest.pk}


def test_a_pool_too_small_goes_to_the_instructor_too(run, assignment, instructor):
    people = _submitters(run, assignment, 2)  # one peer each, two wanted
    report = peer_review_assign(assignment=assignment)
    assert (report.peer_reviews, report.fallback_reviews) == (2, 2)
    fallback = PeerReview.objects.filter(is_fallback=True)
    assert set(fallback.values_list("reviewer_id", flat=True)) == {instructor.pk}
    assert set(fallback.values_list("submission__learner_id", flat=True)) == {
        p.pk for p in people
    }


def test_a_lone_submission_is_reviewed_by_the_instructor(run, assignment, instructor):
    _submitters(run, assignment, 1)
    report = peer_review_assign(assignment=assignment)
    assert (report.peer_reviews, report.fallback_reviews) == (0, 1)


def test_late_work_joins_the_round_with_an_even_load(run, assignment):
    _submitters(run, assignment, 4)
    peer_review_assign(assignment=assignment)
    late = EnrollmentFactory(run=run).learner
    submission = submission_create(
        learner=late, assignment=assignment, text="늦은 제출"
    )
    # the post_save hook assigned it: two reviewers, and two to review
    assert PeerReview.objects.filter(submission=submission).count() == 2
    assert PeerReview.objects.filter(reviewer=late).count() == 2
    loads = Counter(PeerReview.objects.values_list("reviewer_id", flat=True))
    assert max(loads.values()) - min(loads.values()) <= 1
    assert tasks.peer_review_assign_late(submission.pk) == 0  # idempotent


def test_late_reviews_expire_and_go_to_the_instructor_once(run, assignment, instructor):
    people = _submitters(run, assignment, 3)
    peer_review_assign(assignment=assignment)
    late = PeerReview.objects.filter(reviewer=people[0]).first()
    PeerReview.objects.filter(pk=late.pk).update(
        due_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert peer_reviews_overdue_handle() == 1
    assert PeerReview.objects.get(pk=late.pk).status == "expired"
    fallback = PeerReview.objects.get(is_fallback=True)
    assert (fallback.reviewer, fallback.submission_id) == (
        instructor,
        late.submission_id,
    )
    assert instructor.notifications.filter(kind="peer_review.fallback").count() == 1
    assert people[0].notifications.filter(kind="peer_review.expired").count() == 1
    assert peer_reviews_overdue_handle() == 0
    assert PeerReview.objects.filter(is_fallback=True).count() == 1


def test_the_hourly_beat_opens_rounds_that_are_due(run, assignment):
    _submitters(run, assignment, 3)
    assert tasks.peer_review_rounds_open() == 0  # not due yet
    type(assignment).objects.filter(pk=assignment.pk).update(
        due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert tasks.peer_review_rounds_open() == 1
    assert tasks.peer_review_rounds_open() == 0
    assert PeerReview.objects.count() == 6


def _review_of(reviewer):
    return (
        PeerReview.objects.select_related("submission__learner")
        .filter(reviewer=reviewer)
        .order_by("pk")
        .first()
    )


def test_a_review_scores_by_the_rubric_and_tells_the_author(run, assignment):
    people = _submitters(run, assignment, 3)
    peer_review_assign(assignment=assignment)
    review = _review_of(people[0])
    done = peer_review_submit(
        reviewer=people[0], review=review, rubric_choices=[1, 1], comments="좋아요"
    )
    assert done.status == "submitted" and done.score == Decimal("15.00")
    author = review.submission.learner
    notice = author.notifications.get(kind="peer_review.received")
    assert people[0].display_name not in notice.title  # anonymous by default


@pytest.mark.parametrize("choices", [[], [1], [1, 7], ["1", 1], None])
def test_an_incomplete_rubric_is_refused(run, assignment, choices):
    people = _submitters(run, assignment, 3)
    peer_review_assign(assignment=assignment)
    review = _review_of(people[0])
    with pytest.raises(CommunityError):
        peer_review_submit(
            reviewer=people[0], review=review, rubric_choices=choices, comments="x"
        )
    assert PeerReview.objects.get(pk=review.pk).status == "assigned"


def test_only_the_reviewer_submits_and_not_after_expiry(run, assignment):
    people = _submitters(run, assignment, 3)
    peer_review_assign(assignment=assignment)
    review = _review_of(people[0])
    with pytest.raises(CommunityForbidden):
        peer_review_submit(
            reviewer=people[1], review=review, rubric_choices=[1, 1], comments="x"
        )
    PeerReview.objects.filter(pk=review.pk).update(status="expired")
    with pytest.raises(CommunityError):
        peer_review_submit(
            reviewer=people[0], review=review, rubric_choices=[1, 1], comments="x"
        )


def test_the_review_page_hides_the_author_when_anonymous(
    client, run, assignment, instructor
):
    people = _submitters(run, assignment, 3)
    peer_review_assign(assignment=assignment)
    review = _review_of(people[0])
    url = reverse("community:review-detail", args=[review.pk])
    client.force_login(people[0])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["show_author"]
    assert review.submission.learner.display_name not in page.content.decode()
    response = client.post(
        url, {"criterion-0": "1", "criterion-1": "2", "comments": "구체적이에요"}
    )
    assert response.status_code == 302
    client.force_login(review.submission.learner)
    received = client.get(reverse("community:reviews-received", args=[assignment.pk]))
    assert people[0].display_name not in received.content.decode()
    assert "구체적이에요" in received.content.decode()
    client.force_login(instructor)
    assert client.get(url).context["show_author"]


def test_who_may_open_a_review(client, run, assignment, other_instructor, outsider):
    people = _submitters(run, assignment, 3)
    peer_review_assign(assignment=assignment)
    review = _review_of(people[0])
    url = reverse("community:review-detail", args=[review.pk])
    stranger = next(
        p
        for p in people
        if p.pk not in (review.reviewer_id, review.submission.learner_id)
    )
    for person in (stranger, other_instructor, outsider, review.submission.learner):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"criterion-0": "0", "criterion-1": "0"}).status_code
            == 404
        )
    client.logout()
    assert client.get(url).status_code == 302
    assert PeerReview.objects.get(pk=review.pk).status == "assigned"


def test_the_reviewed_file_is_a_download_under_a_neutral_name(
    client, run, assignment, private_media
):
    from courses.models import AssignmentPage

    AssignmentPage.objects.filter(pk=assignment.pk).update(
        submission_type="text_and_file"
    )
    assignment.refresh_from_db()
    people = []
    for n in range(3):
        learner = EnrollmentFactory(run=run).learner
        upload = SimpleUploadedFile(
            f"홍길동_{n}.txt", "사업계획".encode(), content_type="text/plain"
        )
        submission_create(
            learner=learner, assignment=assignment, text="t", upload=upload
        )
        people.append(learner)
    peer_review_assign(assignment=assignment)
    review = _review_of(people[0])
    client.force_login(people[0])
    response = client.get(reverse("community:review-file", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "홍길동" not in response["Content-Disposition"]
    assert response["Content-Type"] == "application/octet-stream"
    client.force_login(
        next(
            p
            for p in people
            if p.pk not in (review.reviewer_id, review.submission.learner_id)
        )
    )
    assert (
        client.get(reverse("community:review-file", args=[review.pk])).status_code
        == 404
    )


@pytest.fixture
def private_media(tmp_path, monkeypatch, settings):
    from django.core.files.storage import FileSystemStorage

    from lms.learning.models import Submission

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        Submission._meta.get_field("file"), "storage", FileSystemStorage(tmp_path)
    )
    return tmp_path


def test_the_overview_is_for_the_course_s_instructors(
    client, run, assignment, instructor, other_instructor, learner
):
    _submitters(run, assignment, 3)
    url = reverse("community:review-overview", args=[assignment.pk])
    for person, expected in (
        (learner, 403),
        (other_instructor, 403),
        (instructor, 200),
    ):
        client.force_login(person)
        assert client.get(url).status_code == expected
    client.force_login(instructor)
    assert (
        client.post(reverse("community:review-start", args=[assignment.pk])).status_code
        == 302
    )
    page = client.get(url)
    assert [row["done"] for row in page.context["rows"]] == [0, 0, 0]
    assert page.context["status_counts"]["assigned"] == 6


def test_the_settings_form_saves_and_refuses_a_change_of_reviewers_after_the_round(
    client, run, assignment, instructor
):
    _submitters(run, assignment, 3)
    client.force_login(instructor)
    url = reverse("community:review-overview", args=[assignment.pk])
    data = {
        "is_enabled": "on",
        "reviewers_per_submission": 1,
        "review_days": 5,
        "is_anonymous": "",
    }
    assert client.post(url, data).status_code == 302
    settings_row = PeerReviewSettings.objects.get(assignment=assignment)
    assert (settings_row.reviewers_per_submission, settings_row.is_anonymous) == (
        1,
        False,
    )
    peer_review_assign(assignment=assignment)
    assert client.post(url, {**data, "reviewers_per_submission": 3}).status_code == 400
    assert client.post(url, {**data, "reviewers_per_submission": 9}).status_code == 400
    assert (
        PeerReviewSettings.objects.get(assignment=assignment).reviewers_per_submission
        == 1
    )
