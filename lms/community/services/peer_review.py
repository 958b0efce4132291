"""Peer review: reviewers assigned fairly, rubric reviews, and the fallback.

The round. When reviews open (the assignment's due date, or `opens_at`), the
latest submission of every learner who submitted forms the pool. The pool is
shuffled with a seed fixed by the assignment (so a rerun gives the same
answer) and learner i reviews learners i+1 … i+k around the circle, where
k = min(N, pool − 1). Everyone then reviews exactly k submissions and every
submission gets exactly k reviews; nobody reviews themselves or the same work
twice. When the pool is too small for N (k < N), each submission also goes
to an instructor: nobody's work waits for reviewers who do not exist.

Late work. A submission that arrives after the round started gets the N
least-loaded peers of the pool as reviewers, and its author the N
least-reviewed submissions to review, so the load stays even.

Late reviews. A peer review not done by its due date expires, and its
submission goes to an instructor if it has no instructor review yet: no one
waits for ever.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import AssignmentPage, CoursePageInstructor
from lms.accounts.models import User
from lms.learning.models import Submission, SubmissionStatus
from lms.learning.permissions import grading_allowed
from lms.learning.services.assignments import AssignmentError, rubric_score

from ..models import PeerReview, PeerReviewSettings, ReviewStatus
from .errors import CommunityError, CommunityForbidden
from .notifications import notification_send, notification_send_many

COMMENTS_MAX = 10_000


@dataclass
class AssignReport:
    """What an assignment of reviewers did."""

    peer_reviews: int = 0
    fallback_reviews: int = 0
    pool: int = 0
    loads: Counter = field(default_factory=Counter)


def pool_submissions(*, assignment: AssignmentPage) -> list[Submission]:
    """The latest submission of each learner, in learner order."""
    latest = (
        Submission.objects.filter(assignment=assignment)
        .exclude(status=SubmissionStatus.SUPERSEDED)
        .values("learner_id")
        .annotate(version=Max("version"))
    )
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(learner_id=row["learner_id"], version=row["version"])
    return list(
        Submission.objects.filter(wanted, assignment=assignment)
        .select_related("learner")
        .order_by("learner_id")
    )


def circular_assignment(
    authors: list[int], *, per_submission: int, seed: int
) -> list[tuple[int, int]]:
    """(reviewer, author) pairs: each author reviewed by the next k around a
    shuffled circle, k = min(per_submission, len(authors) − 1).
    """
    order = sorted(authors)
    random.Random(seed).shuffle(order)  # noqa: S311 - fairness, not secrecy
    size = len(order)
    k = min(per_submission, size - 1)
    return [
        (order[(i + step) % size], order[i])
        for i in range(size)
        for step in range(1, k + 1)
    ]


def _instructors(assignment: AssignmentPage) -> list[User]:
    links = CoursePageInstructor.objects.filter(
        page_id=assignment.course.pk
    ).select_related("user")
    return [link.user for link in links.order_by("sort_order", "pk")]


def _fallback_reviewer(
    *, assignment: AssignmentPage, instructors: list[User]
) -> User | None:
    """The course instructor with the fewest open fallback reviews."""
    if not instructors:
        return None
    load = Counter(
        dict(
            PeerReview.objects.filter(
                assignment=assignment,
                is_fallback=True,
                status=ReviewStatus.ASSIGNED,
            )
            .values("reviewer_id")
            .annotate(n=Count("pk"))
            .values_list("reviewer_id", "n")
        )
    )
    return min(instructors, key=lambda user: (load[user.pk], instructors.index(user)))


def _due(settings: PeerReviewSettings, now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=settings.review_days)


def _fallback_add(
    *,
    submission: Submission,
    assignment: AssignmentPage,
    instructors: list[User],
    due_at: dt.datetime,
) -> PeerReview | None:
    if PeerReview.objects.filter(submission=submission, is_fallback=True).exists():
        return None
    reviewer = _fallback_reviewer(assignment=assignment, instructors=instructors)
    if reviewer is None:
        return None
    review, _created = PeerReview.objects.get_or_create(
        submission=submission,
        reviewer=reviewer,
        defaults={"assignment": assignment, "is_fallback": True, "due_at": due_at},
    )
    return review


def _review_url(review: PeerReview) -> str:
    return reverse("community:review-detail", args=[review.pk])


def _tell_reviewers(reviews: list[PeerReview], assignment: AssignmentPage) -> None:
    by_reviewer: dict[int, list[PeerReview]] = {}
    for review in reviews:
        by_reviewer.setdefault(review.reviewer_id, []).append(review)
    people = User.objects.in_bulk(list(by_reviewer))
    for reviewer_id, theirs in by_reviewer.items():
        how_many = len(theirs)
        notification_send(
            recipient=people[reviewer_id],
            kind="peer_review.assigned",
            title=lambda count=how_many: (
                ngettext(
                    "A submission of “%(assignment)s” to review",
                    "%(count)d submissions of “%(assignment)s” to review",
                    count,
                )
                % {"count": count, "assignment": assignment.title}
            ),
            url=_review_url(theirs[0]),
            dedupe_key=f"review:{theirs[0].pk}:assigned",
        )


def _settings_locked(assignment: AssignmentPage) -> PeerReviewSettings:
    settings = (
        PeerReviewSettings.objects.select_for_update()
        .filter(assignment=assignment)
        .first()
    )
    if settings is None or not settings.is_enabled:
        raise CommunityError(_("Peer review is not switched on for this assignment."))
    return settings


@transaction.atomic
def peer_review_assign(
    *, assignment: AssignmentPage, now: dt.datetime | None = None
) -> AssignReport:
    """Open the review round: assign reviewers to every submission in the pool.

    Safe to run twice: a round that has started is not started again (late
    work goes through `peer_review_assign_late`).
    """
    now = now or timezone.now()
    settings = _settings_locked(assignment)
    report = AssignReport()
    if settings.round_started_at is not None:
        return report
    pool = pool_submissions(assignment=assignment)
    report.pool = len(pool)
    by_author = {submission.learner_id: submission for submission in pool}
    due_at = _due(settings, now)
    pairs = circular_assignment(
        list(by_author),
        per_submission=settings.reviewers_per_submission,
        seed=assignment.pk,
    )
    reviews = [
        PeerReview(
            submission=by_author[author],
            assignment=assignment,
            reviewer_id=reviewer,
            due_at=due_at,
        )
        for reviewer, author in pairs
    ]
    PeerReview.objects.bulk_create(reviews)
    report.peer_reviews = len(reviews)
    report.loads = Counter(reviewer for reviewer, _author in pairs)
    if len(pool) - 1 < settings.reviewers_per_submission:
        instructors = _instructors(assignment)
        for submission in pool:
            review = _fallback_add(
                submission=submission,
                assignment=assignment,
                instructors=instructors,
                due_at=due_at,
            )
            if review is not None:
                reviews.append(review)
                report.fallback_reviews += 1
    settings.round_started_at = now
    settings.save(update_fields=["round_started_at"])
    _tell_reviewers(list(PeerReview.objects.filter(assignment=assignment)), assignment)
    return report


@transaction.atomic
def peer_review_assign_late(
    *, submission: Submission, now: dt.datetime | None = None
) -> AssignReport:
    """Reviewers for a submission that arrived after the round started, and
    work for its author to review. Idempotent: work already in the round (this
    learner has reviews of any version) is left alone.
    """
    now = now or timezone.now()
    assignment = submission.assignment
    settings = _settings_locked(assignment)
    report = AssignReport()
    if settings.round_started_at is None:
        return report
    if PeerReview.objects.filter(
        assignment=assignment, submission__learner_id=submission.learner_id
    ).exists():
        return report
    pool = [s for s in pool_submissions(assignment=assignment)]
    others = [s for s in pool if s.learner_id != submission.learner_id]
    report.pool = len(pool)
    per = settings.reviewers_per_submission
    due_at = _due(settings, now)
    load = Counter(
        dict(
            PeerReview.objects.filter(assignment=assignment, is_fallback=False)
            .values("reviewer_id")
            .annotate(n=Count("pk"))
            .values_list("reviewer_id", "n")
        )
    )
    received = Counter(
        dict(
            PeerReview.objects.filter(assignment=assignment)
            .values("submission_id")
            .annotate(n=Count("pk"))
            .values_list("submission_id", "n")
        )
    )
    reviewers = sorted(others, key=lambda s: (load[s.learner_id], s.learner_id))[:per]
    to_review = sorted(others, key=lambda s: (received[s.pk], s.pk))[:per]
    new = [
        PeerReview(
            submission=submission,
            assignment=assignment,
            reviewer_id=s.learner_id,
            due_at=due_at,
        )
        for s in reviewers
    ] + [
        PeerReview(
            submission=s,
            assignment=assignment,
            reviewer_id=submission.learner_id,
            due_at=due_at,
        )
        for s in to_review
    ]
    PeerReview.objects.bulk_create(new)
    report.peer_reviews = len(new)
    if len(reviewers) < per:
        review = _fallback_add(
            submission=submission,
            assignment=assignment,
            instructors=_instructors(assignment),
            due_at=due_at,
        )
        if review is not None:
            new.append(review)
            report.fallback_reviews += 1
    _tell_reviewers(
        list(
            PeerReview.objects.filter(
                Q(submission=submission) | Q(reviewer_id=submission.learner_id),
                assignment=assignment,
            )
        ),
        assignment,
    )
    return report


@transaction.atomic
def peer_reviews_overdue_handle(*, now: dt.datetime | None = None) -> int:
    """Expire peer reviews past their due date and hand their submissions to an
    instructor. Returns how many reviews expired; running it again expires
    nothing more and adds no second fallback.
    """
    now = now or timezone.now()
    overdue = list(
        PeerReview.objects.select_for_update(of=("self",))
        .filter(status=ReviewStatus.ASSIGNED, is_fallback=False, due_at__lt=now)
        .select_related("assignment", "submission", "reviewer")
    )
    if not overdue:
        return 0
    PeerReview.objects.filter(pk__in=[r.pk for r in overdue]).update(
        status=ReviewStatus.EXPIRED
    )
    instructors: dict[int, list[User]] = {}
    for review in overdue:
        assignment = review.assignment
        if assignment.pk not in instructors:
            instructors[assignment.pk] = _instructors(assignment)
        settings = PeerReviewSettings.objects.filter(assignment=assignment).first()
        due_at = _due(settings, now) if settings else now + dt.timedelta(days=7)
        fallback = _fallback_add(
            submission=review.submission,
            assignment=assignment,
            instructors=instructors[assignment.pk],
            due_at=due_at,
        )
        if fallback is not None:
            notification_send(
                recipient=fallback.reviewer,
                kind="peer_review.fallback",
                title=lambda assignment=assignment: (
                    _("A peer review of “%(assignment)s” came too late: over to you")
                    % {"assignment": assignment.title}
                ),
                url=_review_url(fallback),
                dedupe_key=f"review:{fallback.pk}:assigned",
            )
        notification_send(
            recipient=review.reviewer,
            kind="peer_review.expired",
            title=lambda assignment=assignment: (
                _("The time to review “%(assignment)s” is over")
                % {"assignment": assignment.title}
            ),
            url=reverse("community:reviews"),
            dedupe_key=f"review:{review.pk}:expired",
        )
    return len(overdue)


def review_allowed(*, user: User, review: PeerReview) -> bool:
    return review.reviewer_id == user.pk


@transaction.atomic
def peer_review_submit(
    *,
    reviewer: User,
    review: PeerReview,
    rubric_choices: list | None,
    comments: str,
) -> PeerReview:
    """Hand in a review: a level per rubric criterion (if the assignment has a
    rubric) and comments. A review can be revised until its due date.
    """
    review = (
        PeerReview.objects.select_for_update()
        .select_related("assignment", "submission__learner")
        .get(pk=review.pk)
    )
    if review.reviewer_id != reviewer.pk:
        raise CommunityForbidden(_("This review was given to someone else."))
    if review.status == ReviewStatus.EXPIRED:
        raise CommunityError(_("The time for this review is over."))
    if review.status == ReviewStatus.SUBMITTED and review.due_at < timezone.now():
        raise CommunityError(_("The time for this review is over."))
    comments = (comments or "").strip()
    if len(comments) > COMMENTS_MAX:
        raise CommunityError(_("Comments can be at most 10,000 characters long."))
    assignment = review.assignment
    score: Decimal | None = None
    if len(assignment.rubric):
        try:
            score = rubric_score(assignment=assignment, choices=rubric_choices)
        except AssignmentError as error:
            raise CommunityError(error.message) from None
        review.rubric_choices = list(rubric_choices)
    elif not comments:
        raise CommunityError(_("Write your comments."))
    first_time = review.status != ReviewStatus.SUBMITTED
    review.score, review.comments = score, comments
    review.status, review.submitted_at = ReviewStatus.SUBMITTED, timezone.now()
    review.save()
    if first_time:
        settings = PeerReviewSettings.objects.filter(assignment=assignment).first()
        anonymous = settings is None or settings.is_anonymous

        def who() -> str:
            if not anonymous:
                return reviewer.display_name
            return _("Your instructor") if review.is_fallback else _("A peer")

        notification_send_many(
            recipients=[review.submission.learner],
            kind="peer_review.received",
            title=lambda: (
                _("%(who)s reviewed your work for “%(assignment)s”")
                % {"who": who(), "assignment": assignment.title}
            ),
            url=reverse("community:reviews-received", args=[assignment.pk]),
            dedupe_key=f"review:{review.pk}:received",
        )
    return review


@transaction.atomic
def peer_review_settings_save(
    *,
    actor: User,
    assignment: AssignmentPage,
    is_enabled: bool,
    reviewers_per_submission: int,
    is_anonymous: bool,
    review_days: int,
    instructions: str = "",
) -> PeerReviewSettings:
    """An instructor of the course switches peer review on or off and sets it up.
    Once the round has started the number of reviewers no longer changes.
    """
    if not grading_allowed(user=actor, assignment=assignment):
        raise CommunityForbidden(
            _("Only the course's instructors can set up peer review.")
        )
    if not 1 <= reviewers_per_submission <= 5:
        raise CommunityError(_("Ask for 1 to 5 reviewers per submission."))
    if not 1 <= review_days <= 60:
        raise CommunityError(_("Give reviewers 1 to 60 days."))
    settings, _created = PeerReviewSettings.objects.select_for_update().get_or_create(
        assignment=assignment
    )
    if (
        settings.round_started_at is not None
        and settings.reviewers_per_submission != reviewers_per_submission
    ):
        raise CommunityError(
            _("Reviews have been handed out; the number of reviewers is fixed now.")
        )
    settings.is_enabled = is_enabled
    settings.reviewers_per_submission = reviewers_per_submission
    settings.is_anonymous = is_anonymous
    settings.review_days = review_days
    settings.instructions = (instructions or "").strip()[:3000]
    settings.save()
    return settings


def peer_review_start(*, actor: User, assignment: AssignmentPage) -> AssignReport:
    """An instructor opens the round now instead of waiting for the due date."""
    if not grading_allowed(user=actor, assignment=assignment):
        raise CommunityForbidden(
            _("Only the course's instructors can start peer review.")
        )
    return peer_review_assign(assignment=assignment)
