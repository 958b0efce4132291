"""The community home and the notification list."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.utils import timezone

from lms.learning.models import SEAT_HOLDING, CourseRun, Enrollment
from lms.learning.selectors import runs_in_language

from ..models import (
    BookingStatus,
    Cohort,
    CohortMembership,
    Forum,
    ForumScope,
    MentoringBooking,
    Notification,
    PeerReview,
    ReviewStatus,
    StudyGroup,
    StudyGroupInvitation,
)

NOTIFICATIONS_PER_PAGE = 30


@dataclass
class RunSpace:
    """A run the person learns in or teaches, with its forum and their cohort."""

    run: CourseRun
    forum: Forum | None
    cohort: Cohort | None = None
    is_teacher: bool = False


def community_home(*, user) -> dict[str, Any]:
    """Where the person's social learning is: runs, cohorts, groups, mentoring
    and peer reviews to do. A fixed number of queries.
    """
    learning = list(
        Enrollment.objects.filter(learner=user, status__in=SEAT_HOLDING)
        .select_related("run__course")
        .order_by("-run__starts_on", "-pk")
    )
    taught = list(
        CourseRun.objects.filter(course__instructor_links__user=user)
        .select_related("course")
        .order_by("-starts_on", "-pk")
        .distinct()[:20]
    )
    runs = {e.run_id: RunSpace(run=e.run, forum=None) for e in learning}
    for run in taught:
        runs.setdefault(run.pk, RunSpace(run=run, forum=None)).is_teacher = True
    forums = {
        forum.run_id: forum
        for forum in Forum.objects.filter(scope=ForumScope.RUN, run_id__in=runs)
    }
    cohorts = {
        m.run_id: m.cohort
        for m in CohortMembership.objects.filter(
            user=user, run_id__in=runs
        ).select_related("cohort__forum")
    }
    for space in runs.values():
        space.forum = forums.get(space.run.pk)
        space.cohort = cohorts.get(space.run.pk)
    groups = list(
        StudyGroup.objects.filter(memberships__user=user)
        .select_related("run__course", "forum")
        .order_by("name")
    )
    runs_in_language([space.run for space in runs.values()] + [g.run for g in groups])
    now = timezone.now()
    bookings = list(
        MentoringBooking.objects.filter(
            learner=user, status=BookingStatus.BOOKED, slot__ends_at__gte=now
        )
        .select_related("slot__mentor")
        .order_by("slot__starts_at")[:5]
    )
    reviews = list(
        PeerReview.objects.filter(reviewer=user, status=ReviewStatus.ASSIGNED)
        .select_related("assignment")
        .order_by("due_at")[:10]
    )
    invitations = list(
        StudyGroupInvitation.objects.filter(invitee=user, answered_at__isnull=True)
        .select_related("group", "invited_by")
        .order_by("-created_at")[:10]
    )
    return {
        "spaces": list(runs.values()),
        "groups": groups,
        "bookings": bookings,
        "reviews": reviews,
        "invitations": invitations,
        "is_mentor": hasattr(user, "mentor_profile"),
    }


# --- notifications ------------------------------------------------------------


def notification_page(*, user, page: Any = 1) -> dict[str, Any]:
    notifications = Notification.objects.filter(recipient=user).select_related("actor")
    paginator = Paginator(notifications.order_by("-created_at", "-pk"), 30)
    page_obj = paginator.get_page(page)
    return {"notifications": page_obj, "page_obj": page_obj}
