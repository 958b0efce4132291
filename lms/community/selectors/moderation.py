"""Moderation: the forums a user moderates, the queue of flags, the log."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from lms.learning.permissions import is_center_staff

from ..models import (
    Flag,
    FlagStatus,
    Forum,
    GroupRole,
    ModerationLog,
)

QUEUE_PER_PAGE = 30
LOG_PER_PAGE = 50


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
