"""Who may read, write and moderate what, decided in one place.

The `access_*` helpers fetch an object and check the person in one call, in
the manner of Zulip's: they raise Http404 for what the person may not see,
so a forum of a cohort one is not in looks exactly like one that does not
exist.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from lms.learning.models import SEAT_HOLDING, CourseRun, Enrollment
from lms.learning.permissions import is_center_staff, is_course_instructor

from .models import (
    CohortMembership,
    Forum,
    ForumBan,
    ForumScope,
    GroupRole,
    JoinPolicy,
    StudyGroup,
    StudyGroupInvitation,
    StudyGroupMembership,
    Thread,
)


def run_member(*, user, run_id: int) -> bool:
    """An active or completed learner of the run."""
    return Enrollment.objects.filter(
        learner_id=user.pk, run_id=run_id, status__in=SEAT_HOLDING
    ).exists()


def run_teacher(*, user, run: CourseRun) -> bool:
    """Center staff, or an instructor of the run's course."""
    return is_center_staff(user) or is_course_instructor(user, run.course)


@dataclass(frozen=True)
class ForumAccess:
    """What one person may do in one forum."""

    forum: Forum
    can_read: bool = False
    can_post: bool = False
    can_moderate: bool = False
    is_banned: bool = False


def _ban_active(*, user, forum: Forum) -> bool:
    if forum.pk is None:  # asked before the forum is made: nobody is banned yet
        return False
    return (
        ForumBan.objects.filter(forum=forum, user_id=user.pk)
        .filter(Q(until__isnull=True) | Q(until__gt=timezone.now()))
        .exists()
    )


def forum_access(*, user, forum: Forum) -> ForumAccess:
    """Read, post and moderate rights of `user` in `forum`.

    - run forum: the run's learners (active or completed);
    - cohort forum: the cohort's members who are still learners of the run;
    - group forum: the group's members; its organizers moderate;
    - the course's instructors and center staff read and moderate them all.
    A ban takes away posting, not reading.
    """
    if not user.is_authenticated:
        return ForumAccess(forum=forum)
    run = forum.run
    teacher = is_center_staff(user) or (
        run is not None and is_course_instructor(user, run.course)
    )
    moderator = teacher
    if teacher:
        member = True
    elif forum.scope == ForumScope.RUN:
        member = run_member(user=user, run_id=forum.run_id)
    elif forum.scope == ForumScope.COHORT:
        member = Enrollment.objects.filter(
            learner_id=user.pk,
            run_id=forum.run_id,
            status__in=SEAT_HOLDING,
            learner__cohort_memberships__cohort_id=forum.cohort_id,
        ).exists()
    else:
        role = (
            StudyGroupMembership.objects.filter(group_id=forum.group_id, user=user)
            .values_list("role", flat=True)
            .first()
        )
        member = role is not None
        moderator = role == GroupRole.ORGANIZER
    if not member:
        return ForumAccess(forum=forum)
    banned = not teacher and _ban_active(user=user, forum=forum)
    return ForumAccess(
        forum=forum,
        can_read=True,
        can_post=not banned,
        can_moderate=moderator,
        is_banned=banned,
    )


def _forums():
    return Forum.objects.select_related(
        "run__course", "cohort", "group", "group__run__course"
    )


def access_forum(*, user, forum_id: int) -> ForumAccess:
    """The forum and the person's rights in it; 404 if they may not read it."""
    forum = _forums().filter(pk=forum_id).first()
    if forum is None:
        raise Http404
    access = forum_access(user=user, forum=forum)
    if not access.can_read:
        raise Http404
    return access


def access_thread(*, user, thread_id: int) -> tuple[Thread, ForumAccess]:
    """The thread and the rights in its forum; hidden or deleted threads are
    for moderators only.
    """
    thread = (
        Thread.objects.select_related(
            "author__organization",
            "forum__run__course",
            "forum__cohort",
            "forum__group",
        )
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise Http404
    access = forum_access(user=user, forum=thread.forum)
    if not access.can_read or (not thread.is_visible and not access.can_moderate):
        raise Http404
    return thread, access


@dataclass(frozen=True)
class GroupAccess:
    group: StudyGroup
    role: str | None = None
    invited: bool = False
    may_join: bool = False
    is_teacher: bool = False

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def is_organizer(self) -> bool:
        return self.role == GroupRole.ORGANIZER

    @property
    def can_see_inside(self) -> bool:
        """The forum, the member list and the meetings."""
        return self.is_member or self.is_teacher


def group_access(*, user, group: StudyGroup) -> GroupAccess:
    if not user.is_authenticated:
        return GroupAccess(group=group)
    role = (
        StudyGroupMembership.objects.filter(group=group, user=user)
        .values_list("role", flat=True)
        .first()
    )
    invited = (
        role is None
        and StudyGroupInvitation.objects.filter(
            group=group, invitee=user, answered_at__isnull=True
        ).exists()
    )
    teacher = is_center_staff(user) or (
        group.run_id is not None and is_course_instructor(user, group.run.course)
    )
    in_run = group.run_id is None or run_member(user=user, run_id=group.run_id)
    may_join = (
        role is None
        and in_run
        and not group.is_archived
        and (group.join_policy == JoinPolicy.OPEN or invited)
    )
    return GroupAccess(
        group=group, role=role, invited=invited, may_join=may_join, is_teacher=teacher
    )


def access_group(*, user, group_id: int) -> GroupAccess:
    """The group page: open groups for those who may join them; groups by
    invitation for members, invitees and teachers only.
    """
    group = (
        StudyGroup.objects.select_related("run__course", "created_by", "forum")
        .filter(pk=group_id)
        .first()
    )
    if group is None:
        raise Http404
    access = group_access(user=user, group=group)
    visible = access.is_member or access.invited or access.is_teacher
    if not visible and group.join_policy == JoinPolicy.OPEN and not group.is_archived:
        visible = group.run_id is None or run_member(user=user, run_id=group.run_id)
    if not visible:
        raise Http404
    return access


def cohort_member(*, user, cohort_id: int) -> bool:
    return CohortMembership.objects.filter(cohort_id=cohort_id, user=user).exists()
