"""Reads of social learning: forum pages, queues, lists and dashboards.

Every page reads a fixed number of queries whatever the number of rows: the
forum index one page of threads with the reader's unread state as a
subquery, the thread page all replies with their authors at once, and the
reader's votes in one more query.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from courses.models import AssignmentPage, CoursePageInstructor
from lms.learning.models import SEAT_HOLDING, CourseRun, Enrollment
from lms.learning.permissions import is_center_staff
from lms.learning.selectors import (
    course_in_language,
    run_in_language,
    runs_in_language,
)

from .models import (
    BookingStatus,
    Cohort,
    CohortMembership,
    Flag,
    FlagStatus,
    Forum,
    ForumScope,
    GroupRole,
    JoinPolicy,
    MentoringBooking,
    MentoringSlot,
    MentorProfile,
    ModerationLog,
    Notification,
    PeerReview,
    PeerReviewSettings,
    Post,
    PostVote,
    ReviewStatus,
    SlotStatus,
    StudyGroup,
    StudyGroupInvitation,
    StudyGroupMeeting,
    StudyGroupMembership,
    Thread,
    ThreadKind,
    ThreadReadState,
    ThreadSubscription,
)
from .permissions import ForumAccess

THREADS_PER_PAGE = 30
REPLIES_PER_PAGE = 50
NOTIFICATIONS_PER_PAGE = 30
QUEUE_PER_PAGE = 30
LOG_PER_PAGE = 50
GROUPS_PER_PAGE = 24
SLOTS_PER_PAGE = 30
SEARCH_MAX = 100


def forum_title(forum: Forum) -> str:
    """What a forum is called: its run, cohort or group."""
    if forum.scope == ForumScope.COHORT:
        return _("%(cohort)s · cohort forum") % {"cohort": forum.cohort.name}
    if forum.scope == ForumScope.GROUP:
        return _("%(group)s · study group forum") % {"group": forum.group.name}
    return _("%(course)s (%(run)s) · forum") % {
        "course": course_in_language(forum.run.course).title,
        "run": forum.run.title,
    }


def _visible_threads(forum: Forum, access: ForumAccess) -> QuerySet:
    threads = Thread.objects.filter(forum=forum)
    if not access.can_moderate:
        threads = threads.filter(is_hidden=False, deleted_at__isnull=True)
    return threads


def forum_index(
    *, user, access: ForumAccess, q: str = "", kind: str = "", page: Any = 1
) -> dict[str, Any]:
    """One page of a forum's threads, pinned first, then by last activity,
    each with whether the reader has unread replies. `q` searches titles,
    opening messages and replies (substring match: Korean has no spaces to
    split words on); `kind` filters questions, discussions or announcements.
    """
    forum = access.forum
    threads = _visible_threads(forum, access)
    q = " ".join((q or "").split())[:SEARCH_MAX]
    if q:
        in_replies = Post.objects.filter(
            thread__forum=forum,
            body_text__icontains=q,
            is_hidden=False,
            deleted_at__isnull=True,
        ).values("thread_id")
        threads = threads.filter(
            Q(title__icontains=q) | Q(body_text__icontains=q) | Q(pk__in=in_replies)
        )
    if kind in ThreadKind.values:
        threads = threads.filter(kind=kind)
    read_at = ThreadReadState.objects.filter(
        thread=OuterRef("pk"), user_id=user.pk
    ).values("last_read_at")[:1]
    threads = (
        threads.select_related("author__organization")
        .annotate(last_read_at=Subquery(read_at))
        .defer("body_source", "body_html", "body_text", "mentioned")
        .order_by("-is_pinned", "-last_activity_at", "-pk")
    )
    paginator = Paginator(threads, THREADS_PER_PAGE)
    page_obj = paginator.get_page(page)
    for thread in page_obj:
        thread.is_unread = (
            thread.last_read_at is None or thread.last_read_at < thread.last_activity_at
        )
    return {
        "forum": forum,
        "forum_title": forum_title(forum),
        "access": access,
        "threads": page_obj,
        "page_obj": page_obj,
        "q": q,
        "kind": kind if kind in ThreadKind.values else "",
        "kinds": ThreadKind.choices,
        "extra_query": (
            "&" + urlencode({k: v for k, v in (("q", q), ("kind", kind)) if v})
            if q or kind in ThreadKind.values
            else ""
        ),
    }


@dataclass
class ReplyNode:
    """A reply and the replies to it (one level of nesting)."""

    post: Post
    children: list = field(default_factory=list)


def _teacher_ids(forum: Forum) -> set[int]:
    if forum.run_id is None:
        return set()
    return set(
        CoursePageInstructor.objects.filter(page_id=forum.run.course_id).values_list(
            "user_id", flat=True
        )
    )


def thread_page(
    *, user, thread: Thread, access: ForumAccess, previous_read_at, page: Any = 1
) -> dict[str, Any]:
    """The thread with its replies, nested one level, in the order written.

    Replies are paginated by top-level reply (REPLIES_PER_PAGE), each page with
    all the answers to its replies. Hidden and deleted replies keep their
    place for everyone (so answers to them make sense); only moderators see
    their text.
    """
    top = Post.objects.filter(thread=thread, parent__isnull=True).order_by(
        "created_at", "pk"
    )
    paginator = Paginator(top.values_list("pk", flat=True), REPLIES_PER_PAGE)
    page_obj = paginator.get_page(page)
    top_ids = list(page_obj.object_list)
    posts = list(
        Post.objects.filter(Q(pk__in=top_ids) | Q(parent_id__in=top_ids))
        .filter(thread=thread)
        .select_related("author__organization", "endorsed_by")
        .order_by("created_at", "pk")
    )
    voted = set(
        PostVote.objects.filter(
            user_id=user.pk, post__in=[post.pk for post in posts]
        ).values_list("post_id", flat=True)
    )
    teachers = _teacher_ids(access.forum)
    nodes: dict[int, ReplyNode] = {}
    for post in posts:
        post.has_voted = post.pk in voted
        post.is_new = (
            previous_read_at is not None and post.created_at > previous_read_at
        )
        post.by_teacher = post.author_id in teachers
        post.is_accepted = post.pk == thread.accepted_post_id
        if post.parent_id is None:
            nodes[post.pk] = ReplyNode(post=post)
    for post in posts:
        if post.parent_id is not None and post.parent_id in nodes:
            nodes[post.parent_id].children.append(post)
    replies = [nodes[pk] for pk in top_ids if pk in nodes]
    accepted = next(
        (post for post in posts if post.pk == thread.accepted_post_id), None
    )
    following = ThreadSubscription.objects.filter(
        thread=thread, user_id=user.pk
    ).exists()
    # reversed once here rather than a few times per reply in the template
    urls = {
        "posts": reverse("community:vote", args=[0]).removesuffix("0/vote/"),
        "flag": reverse("community:flag", args=[thread.pk]),
        "delete": reverse("community:delete", args=[thread.pk]),
        "hide": reverse("community:moderate", args=[thread.pk, "hide"]),
        "unhide": reverse("community:moderate", args=[thread.pk, "unhide"]),
        "bans": reverse("community:ban", args=[access.forum.pk, 0]).removesuffix("0/"),
    }
    thread.by_teacher = thread.author_id in teachers
    return {
        "thread": thread,
        "forum": access.forum,
        "forum_title": forum_title(access.forum),
        "access": access,
        "replies": replies,
        "page_obj": page_obj,
        "accepted": accepted,
        "following": following,
        "is_asker": thread.author_id == user.pk,
        "urls": urls,
    }


# --- the community home -------------------------------------------------------


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


# --- moderation ---------------------------------------------------------------


def moderated_forums(*, user) -> QuerySet:
    """The forums `user` moderates: all for staff; their courses' runs' forums
    for instructors; their groups' forums for organizers.
    """
    if is_center_staff(user):
        return Forum.objects.all()
    return Forum.objects.filter(
        Q(run__course__instructor_links__user=user)
        | Q(
            group__memberships__user=user,
            group__memberships__role=GroupRole.ORGANIZER,
        )
    ).distinct()


def moderation_queue(*, user, page: Any = 1) -> dict[str, Any]:
    """Open flags, one row per flagged thread or reply, oldest first."""
    forums = moderated_forums(user=user).values("pk")
    flags = (
        Flag.objects.filter(status=FlagStatus.OPEN, forum_id__in=forums)
        .select_related("thread", "post__author", "thread__author", "reporter")
        .order_by("created_at", "pk")
    )
    paginator = Paginator(flags, QUEUE_PER_PAGE)
    page_obj = paginator.get_page(page)
    return {"flags": page_obj, "page_obj": page_obj}


def moderation_log_page(*, user, page: Any = 1) -> dict[str, Any]:
    forums = moderated_forums(user=user).values("pk")
    entries = (
        ModerationLog.objects.filter(forum_id__in=forums)
        .select_related("actor", "subject", "thread", "post")
        .order_by("-created_at", "-pk")
    )
    paginator = Paginator(entries, LOG_PER_PAGE)
    page_obj = paginator.get_page(page)
    return {"entries": page_obj, "page_obj": page_obj}


# --- study groups -------------------------------------------------------------


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


# --- mentoring ----------------------------------------------------------------


def slot_list_open(*, user, page: Any = 1) -> dict[str, Any]:
    """Office hours still to come that have a place left and that the person
    may book (not restricted to a run they are not in).
    """
    runs = Enrollment.objects.filter(learner=user, status__in=SEAT_HOLDING).values(
        "run_id"
    )
    booked = MentoringBooking.objects.filter(
        slot=OuterRef("pk"), learner_id=user.pk, status=BookingStatus.BOOKED
    )
    slots = (
        MentoringSlot.objects.filter(
            status=SlotStatus.OPEN, starts_at__gt=timezone.now()
        )
        .filter(Q(run__isnull=True) | Q(run_id__in=runs) | Q(mentor=user))
        .annotate(has_booked=Exists(booked))
        .select_related("mentor__organization", "mentor__mentor_profile", "run__course")
        .order_by("starts_at", "pk")
    )
    paginator = Paginator(slots, SLOTS_PER_PAGE)
    page_obj = paginator.get_page(page)
    page_obj.object_list = list(page_obj.object_list)
    runs_in_language(slot.run for slot in page_obj.object_list)
    return {"slots": page_obj, "page_obj": page_obj}


def mentoring_mine(*, user) -> dict[str, Any]:
    """My bookings as a learner and, for mentors, my office hours with who booked."""
    since = timezone.now() - dt.timedelta(days=30)
    bookings = list(
        MentoringBooking.objects.filter(learner=user, slot__ends_at__gte=since)
        .select_related("slot__mentor")
        .order_by("slot__starts_at", "pk")
    )
    slots = list(
        MentoringSlot.objects.filter(mentor=user, ends_at__gte=since)
        .prefetch_related(
            _active_bookings(),
        )
        .select_related("run__course")
        .order_by("starts_at", "pk")
    )
    runs_in_language(slot.run for slot in slots)
    return {
        "bookings": bookings,
        "slots": slots,
        "is_mentor": mentor_active(user=user),
    }


def _active_bookings():
    return Prefetch(
        "bookings",
        queryset=MentoringBooking.objects.filter(status=BookingStatus.BOOKED)
        .select_related("learner__organization")
        .order_by("booked_at"),
        to_attr="active_bookings",
    )


def mentor_active(*, user) -> bool:
    return MentorProfile.objects.filter(user=user, is_active=True).exists()


# --- peer review --------------------------------------------------------------


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
    from .services.peer_review import pool_submissions

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
