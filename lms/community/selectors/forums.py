"""Forums: a forum's index of threads and a thread's page of replies."""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from courses.models import CoursePageInstructor
from lms.learning.selectors import course_in_language

from ..models import (
    Forum,
    ForumScope,
    Post,
    PostVote,
    Thread,
    ThreadKind,
    ThreadReadState,
    ThreadSubscription,
)
from ..permissions import ForumAccess

THREADS_PER_PAGE = 30
REPLIES_PER_PAGE = 50
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
