"""Peer review views: my reviews, writing one, what I received, the overview."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import AssignmentPage
from lms.learning.assignment_selectors import assignment_rubric
from lms.learning.permissions import grading_allowed

from .. import selectors, services
from ..forms import PeerReviewSettingsForm
from ..models import PeerReview, PeerReviewSettings, ReviewStatus
from ..services.errors import CommunityError, CommunityForbidden
from .common import refused


def _review_for(request, review_id: int) -> PeerReview:
    """The review, for its reviewer and the course's teachers only."""
    review = get_object_or_404(
        PeerReview.objects.select_related(
            "assignment", "submission__learner", "reviewer"
        ),
        pk=review_id,
    )
    if review.reviewer_id == request.user.pk:
        return review
    if grading_allowed(user=request.user, assignment=review.assignment):
        return review
    raise Http404


@login_required
@require_GET
def reviews(request):
    return render(
        request,
        "community/reviews.html",
        selectors.reviews_for_reviewer(user=request.user),
    )


def _choices(post, count: int) -> list:
    choices = []
    for index in range(count):
        try:
            choices.append(int(post.get(f"criterion-{index}", "")))
        except ValueError:
            choices.append(None)
    return choices


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, review_id: int):
    review = _review_for(request, review_id)
    assignment = review.assignment
    settings = PeerReviewSettings.objects.filter(assignment=assignment).first()
    anonymous = settings is None or settings.is_anonymous
    is_reviewer = review.reviewer_id == request.user.pk
    status = 200
    choices = review.rubric_choices
    comments = review.comments
    if request.method == "POST":
        if not is_reviewer:
            return refused(
                request, CommunityForbidden(_("This review was given to someone else."))
            )
        choices = _choices(request.POST, len(assignment.rubric))
        comments = request.POST.get("comments", "")
        try:
            services.peer_review_submit(
                reviewer=request.user,
                review=review,
                rubric_choices=choices,
                comments=comments,
            )
        except CommunityError as error:
            if error.status == 403:
                return refused(request, error)
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(request, _("Thank you: your review is handed in."))
            return redirect("community:reviews")
    editable = is_reviewer and (
        review.status == ReviewStatus.ASSIGNED
        or (review.status == ReviewStatus.SUBMITTED and review.due_at >= timezone.now())
    )
    return render(
        request,
        "community/review_detail.html",
        {
            "review": review,
            "assignment": assignment,
            "settings": settings,
            "rubric": assignment_rubric(assignment=assignment, choices=choices),
            "comments": comments,
            "show_author": not anonymous or not is_reviewer,
            "editable": editable,
        },
        status=status,
    )


@login_required
@require_GET
def review_file(request, review_id: int):
    """The reviewed file, as a download; under a neutral name when anonymous."""
    review = _review_for(request, review_id)
    submission = review.submission
    if not submission.file:
        raise Http404
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    extension = os.path.splitext(submission.original_filename or submission.file.name)[
        1
    ]
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"submission-{submission.pk}{extension.lower()}",
        content_type="application/octet-stream",
    )


@login_required
@require_GET
def received(request, assignment_id: int):
    assignment = get_object_or_404(AssignmentPage, pk=assignment_id)
    settings = PeerReviewSettings.objects.filter(assignment=assignment).first()
    rows = selectors.reviews_received(user=request.user, assignment=assignment)
    for row in rows:
        row.rubric = assignment_rubric(
            assignment=assignment, choices=row.rubric_choices
        )
    return render(
        request,
        "community/reviews_received.html",
        {
            "assignment": assignment,
            "received": rows,
            "anonymous": settings is None or settings.is_anonymous,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def overview(request, assignment_id: int):
    assignment = get_object_or_404(AssignmentPage, pk=assignment_id)
    if not grading_allowed(user=request.user, assignment=assignment):
        return refused(
            request,
            CommunityForbidden(
                _("Only the course's instructors can see the peer reviews.")
            ),
        )
    settings = PeerReviewSettings.objects.filter(assignment=assignment).first()
    initial = {}
    if settings is not None:
        initial = {
            "is_enabled": settings.is_enabled,
            "reviewers_per_submission": settings.reviewers_per_submission,
            "is_anonymous": settings.is_anonymous,
            "review_days": settings.review_days,
            "instructions": settings.instructions,
        }
    form = PeerReviewSettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.peer_review_settings_save(
                    actor=request.user, assignment=assignment, **form.cleaned_data
                )
            except CommunityError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Peer review settings saved."))
                return redirect("community:review-overview", assignment.pk)
        status = 400
    context = selectors.peer_review_overview(assignment=assignment)
    context["form"] = form
    return render(request, "community/review_overview.html", context, status=status)


@login_required
@require_POST
def start(request, assignment_id: int):
    assignment = get_object_or_404(AssignmentPage, pk=assignment_id)
    try:
        report = services.peer_review_start(actor=request.user, assignment=assignment)
    except CommunityError as error:
        return refused(request, error)
    messages.success(
        request,
        _("%(peer)d peer reviews and %(fallback)d instructor reviews handed out.")
        % {"peer": report.peer_reviews, "fallback": report.fallback_reviews},
    )
    return redirect("community:review-overview", assignment.pk)
