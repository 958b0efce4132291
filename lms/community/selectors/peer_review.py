"""Peer review: settings due, a reviewer's work, reviews received, an
assignment's overview.
"""

from typing import Any

from courses.models import AssignmentPage

from ..models import (
    PeerReview,
    PeerReviewSettings,
    ReviewStatus,
)


def peer_review_settings_due(*, now) -> list[PeerReviewSettings]:
    """Enabled settings whose round has not started and whose time has come."""
    due = []
    for settings in (
        PeerReviewSettings.objects.filter(
            is_enabled=True, round_started_at__isnull=True
        )
        .select_related("assignment")
        .order_by("pk")
    ):
        opens = settings.opens_at or settings.assignment.due_at
        if opens is not None and opens <= now:
            due.append(settings)
    return due


def reviews_for_reviewer(*, user) -> dict[str, Any]:
    reviews = list(
        PeerReview.objects.filter(reviewer=user)
        .select_related("assignment", "submission")
        .order_by("status", "due_at", "pk")
    )
    return {
        "to_do": [r for r in reviews if r.status == ReviewStatus.ASSIGNED],
        "done": [r for r in reviews if r.status == ReviewStatus.SUBMITTED],
        "expired": [r for r in reviews if r.status == ReviewStatus.EXPIRED],
    }


def reviews_received(*, user, assignment: AssignmentPage) -> list[PeerReview]:
    return list(
        PeerReview.objects.filter(
            assignment=assignment,
            submission__learner=user,
            status=ReviewStatus.SUBMITTED,
        )
        .select_related("reviewer", "submission")
        .order_by("submitted_at", "pk")
    )


def peer_review_overview(*, assignment: AssignmentPage) -> dict[str, Any]:
    """For instructors: every submission of the pool with its reviews."""
    from ..services.peer_review import pool_submissions

    pool = pool_submissions(assignment=assignment)
    reviews = list(
        PeerReview.objects.filter(assignment=assignment)
        .select_related("reviewer")
        .order_by("assigned_at", "pk")
    )
    by_submission: dict[int, list[PeerReview]] = {}
    for review in reviews:
        by_submission.setdefault(review.submission_id, []).append(review)
    rows = []
    for submission in pool:
        theirs = by_submission.get(submission.pk, [])
        done = [r for r in theirs if r.status == ReviewStatus.SUBMITTED]
        scores = [r.score for r in done if r.score is not None]
        rows.append(
            {
                "submission": submission,
                "reviews": theirs,
                "done": len(done),
                "average": (sum(scores) / len(scores)) if scores else None,
            }
        )
    settings = PeerReviewSettings.objects.filter(assignment=assignment).first()
    status_counts = {
        status: sum(1 for r in reviews if r.status == status)
        for status in ReviewStatus.values
    }
    return {
        "assignment": assignment,
        "settings": settings,
        "rows": rows,
        "status_counts": status_counts,
        "chart_rows": [
            (label, status_counts[value]) for value, label in ReviewStatus.choices
        ],
    }
