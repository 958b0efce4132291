"""Who hears of what happens in a forum. Run by Celery tasks after commit.

Each function takes an id, reads what it needs and sends through
`notification_send(_many)` with a dedupe key, so a task that runs twice
notifies each person once. Only people who may read the forum are notified.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lms.accounts.models import User
from lms.learning.models import SEAT_HOLDING

from ..models import (
    CohortMembership,
    Flag,
    ForumScope,
    Post,
    StudyGroupMembership,
    Thread,
    ThreadKind,
    ThreadSubscription,
)
from ..permissions import forum_access
from .notifications import notification_send, notification_send_many

EXCERPT = 300
ACCEPTED_TITLE = gettext_noop("Your reply was accepted as the answer in “%(thread)s”")
ENDORSED_TITLE = gettext_noop("An instructor endorsed your reply in “%(thread)s”")


def _language(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _thread_url(thread: Thread, post: Post | None = None) -> str:
    url = reverse("community:thread", args=[thread.pk])
    return f"{url}#post-{post.pk}" if post is not None else url


def forum_readers(forum) -> list[User]:
    """Everyone an announcement reaches: the forum's members (not its teachers)."""
    if forum.scope == ForumScope.RUN:
        people = User.objects.filter(
            enrollments__run_id=forum.run_id, enrollments__status__in=SEAT_HOLDING
        )
    elif forum.scope == ForumScope.COHORT:
        members = CohortMembership.objects.filter(cohort_id=forum.cohort_id).values(
            "user_id"
        )
        people = User.objects.filter(
            pk__in=members,
            enrollments__run_id=forum.run_id,
            enrollments__status__in=SEAT_HOLDING,
        )
    else:
        people = User.objects.filter(
            pk__in=StudyGroupMembership.objects.filter(group_id=forum.group_id).values(
                "user_id"
            )
        )
    return list(people.filter(is_active=True).distinct())


def _readers_only(forum, user_ids) -> list[User]:
    people = User.objects.filter(pk__in=list(user_ids), is_active=True)
    return [user for user in people if forum_access(user=user, forum=forum).can_read]


def _mention_title(author: User, thread: Thread) -> str:
    return _("%(name)s mentioned you in “%(thread)s”") % {
        "name": author.display_name if author else _("Someone"),
        "thread": thread.title,
    }


def thread_created_notify(*, thread_id: int) -> int:
    """Mentions in a new thread; for an announcement, every member."""
    thread = (
        Thread.objects.select_related("forum__run__course", "author")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None or not thread.is_visible:
        return 0
    forum, author = thread.forum, thread.author
    sent = 0
    mentioned = _readers_only(forum, thread.mentioned)
    for user in mentioned:
        with translation.override(_language(user)):
            if notification_send(
                recipient=user,
                kind="forum.mention",
                title=_mention_title(author, thread),
                body=thread.body_text[:EXCERPT],
                url=_thread_url(thread),
                actor=author,
                dedupe_key=f"thread:{thread.pk}:mention",
            ):
                sent += 1
    if thread.kind == ThreadKind.ANNOUNCEMENT:
        skip = {user.pk for user in mentioned}
        readers = [user for user in forum_readers(forum) if user.pk not in skip]
        for language in ("ko", "en"):
            group = [user for user in readers if _language(user) == language]
            if not group:
                continue
            with translation.override(language):
                sent += len(
                    notification_send_many(
                        recipients=group,
                        kind="forum.announcement",
                        title=_("Announcement: %(title)s") % {"title": thread.title},
                        body=thread.body_text[:EXCERPT],
                        url=_thread_url(thread),
                        actor=author,
                        dedupe_key=f"thread:{thread.pk}:announcement",
                    )
                )
    return sent


def post_created_notify(*, post_id: int) -> int:
    """A reply: the people it mentions, then the thread's followers (and the
    author of the reply it answers, who follows anyway).
    """
    post = (
        Post.objects.select_related("thread__forum__run__course", "author", "parent")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not post.is_visible:
        return 0
    thread, author = post.thread, post.author
    forum = thread.forum
    sent = 0
    mentioned = _readers_only(forum, post.mentioned)
    for user in mentioned:
        with translation.override(_language(user)):
            if notification_send(
                recipient=user,
                kind="forum.mention",
                title=_mention_title(author, thread),
                body=post.body_text[:EXCERPT],
                url=_thread_url(thread, post),
                actor=author,
                dedupe_key=f"post:{post.pk}:mention",
            ):
                sent += 1
    followers = set(
        ThreadSubscription.objects.filter(thread=thread).values_list(
            "user_id", flat=True
        )
    )
    if post.parent is not None and post.parent.author_id:
        followers.add(post.parent.author_id)
    followers -= {user.pk for user in mentioned}
    followers.discard(post.author_id)
    for user in _readers_only(forum, followers):
        with translation.override(_language(user)):
            if notification_send(
                recipient=user,
                kind="forum.reply",
                title=_("%(name)s replied in “%(thread)s”")
                % {
                    "name": author.display_name if author else _("Someone"),
                    "thread": thread.title,
                },
                body=post.body_text[:EXCERPT],
                url=_thread_url(thread, post),
                actor=author,
                dedupe_key=f"post:{post.pk}:reply",
            ):
                sent += 1
    return sent


def _post_event_notify(*, post_id: int, kind: str, title: str, actor_of) -> bool:
    post = (
        Post.objects.select_related("thread", "author", "endorsed_by")
        .filter(pk=post_id)
        .first()
    )
    if post is None or post.author is None:
        return False
    with translation.override(_language(post.author)):
        return (
            notification_send(
                recipient=post.author,
                kind=kind,
                title=_(title) % {"thread": post.thread.title},
                url=_thread_url(post.thread, post),
                actor=actor_of(post),
                dedupe_key=f"post:{post.pk}:{kind}",
            )
            is not None
        )


def answer_accepted_notify(*, post_id: int) -> bool:
    return _post_event_notify(
        post_id=post_id,
        kind="forum.accepted",
        title=ACCEPTED_TITLE,
        actor_of=lambda post: post.thread.author,
    )


def answer_endorsed_notify(*, post_id: int) -> bool:
    return _post_event_notify(
        post_id=post_id,
        kind="forum.endorsed",
        title=ENDORSED_TITLE,
        actor_of=lambda post: post.endorsed_by,
    )


def flag_created_notify(*, flag_id: int) -> int:
    """The forum's moderators hear of the first flag on a thread or reply."""
    flag = (
        Flag.objects.select_related("forum__run__course", "thread")
        .filter(pk=flag_id)
        .first()
    )
    if flag is None:
        return 0
    forum = flag.forum
    candidates: set[int] = set()
    if forum.run is not None:
        candidates |= set(
            forum.run.course.instructor_links.values_list("user_id", flat=True)
        )
    if forum.scope == ForumScope.GROUP:
        candidates |= set(
            StudyGroupMembership.objects.filter(
                group_id=forum.group_id, role="organizer"
            ).values_list("user_id", flat=True)
        )
    sent = 0
    for user in User.objects.filter(pk__in=candidates, is_active=True):
        if not forum_access(user=user, forum=forum).can_moderate:
            continue
        with translation.override(_language(user)):
            if notification_send(
                recipient=user,
                kind="forum.flagged",
                title=_("A message in “%(thread)s” was reported")
                % {"thread": flag.thread.title},
                body=flag.get_reason_display(),
                url=reverse("community:moderation-queue"),
                dedupe_key=f"flag:{flag.thread_id}:{flag.post_id or 0}:{flag.pk}",
            ):
                sent += 1
    return sent
