"""Study groups and cohorts."""

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from lms.learning.models import SEAT_HOLDING, CourseRun, Enrollment
from lms.learning.permissions import is_center_staff
from lms.learning.selectors import (
    run_in_language,
    runs_in_language,
)

from ..models import (
    Cohort,
    CohortMembership,
    JoinPolicy,
    StudyGroup,
    StudyGroupInvitation,
    StudyGroupMeeting,
    StudyGroupMembership,
)

GROUPS_PER_PAGE = 24


def group_list(*, user, page: Any = 1, run_id: int | None = None) -> dict[str, Any]:
    """Groups the person may see: open ones of their runs and of the whole
    center, and those they belong to or are invited to.
    """
    runs = Enrollment.objects.filter(learner=user, status__in=SEAT_HOLDING).values(
        "run_id"
    )
    mine = StudyGroupMembership.objects.filter(group=OuterRef("pk"), user_id=user.pk)
    invited = StudyGroupInvitation.objects.filter(
        group=OuterRef("pk"), invitee_id=user.pk, answered_at__isnull=True
    )
    groups = StudyGroup.objects.annotate(
        is_member=Exists(mine), invited=Exists(invited)
    )
    if not is_center_staff(user):
        groups = groups.filter(
            Q(is_member=True)
            | Q(invited=True)
            | Q(
                join_policy=JoinPolicy.OPEN,
                is_archived=False,
            )
            & (Q(run__isnull=True) | Q(run_id__in=runs))
        )
    if run_id:
        groups = groups.filter(run_id=run_id)
    groups = groups.select_related("run__course").order_by("-is_member", "-created_at")
    paginator = Paginator(groups, GROUPS_PER_PAGE)
    page_obj = paginator.get_page(page)
    page_obj.object_list = list(page_obj.object_list)
    runs_in_language(group.run for group in page_obj.object_list)
    return {"groups": page_obj, "page_obj": page_obj}


def group_detail(*, group: StudyGroup, inside: bool) -> dict[str, Any]:
    run_in_language(group.run)
    context: dict[str, Any] = {"group": group}
    if inside:
        context["members"] = list(
            StudyGroupMembership.objects.filter(group=group)
            .select_related("user__organization")
            .order_by("-role", "joined_at")
        )
        context["meetings"] = list(
            StudyGroupMeeting.objects.filter(
                group=group, ends_at__gte=timezone.now() - dt.timedelta(days=1)
            ).order_by("starts_at")
        )
        context["pending_invitations"] = list(
            StudyGroupInvitation.objects.filter(
                group=group, answered_at__isnull=True
            ).select_related("invitee")
        )
    return context


def cohorts_of_run(*, run: CourseRun) -> dict[str, Any]:
    """For the cohort manager: the run's cohorts with members, and learners
    with no cohort yet.
    """
    cohorts = list(Cohort.objects.filter(run=run).order_by("name", "pk"))
    memberships = list(
        CohortMembership.objects.filter(run=run)
        .select_related("user__organization")
        .order_by("user__name_ko", "pk")
    )
    members: dict[int, list] = {cohort.pk: [] for cohort in cohorts}
    for membership in memberships:
        members.setdefault(membership.cohort_id, []).append(membership.user)
    placed = {m.user_id for m in memberships}
    unplaced = [
        e.learner
        for e in Enrollment.objects.filter(run=run, status__in=SEAT_HOLDING)
        .select_related("learner__organization")
        .order_by("created_at", "pk")
        if e.learner_id not in placed
    ]
    for cohort in cohorts:
        cohort.member_list = members.get(cohort.pk, [])
    return {
        "run": run_in_language(run),
        "cohorts": cohorts,
        "unplaced": unplaced,
        "chart_rows": [(cohort.name, len(cohort.member_list)) for cohort in cohorts],
    }
