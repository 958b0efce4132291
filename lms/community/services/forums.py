"""Writes about forums: threads, replies, votes, answers, follows, read markers.

Every service checks the person's rights (`permissions.forum_access`), counts
the action against the rate limits, writes in one transaction and notifies
after commit through a Celery task (ids in, idempotent).
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.core.ratelimit import rate_limit_hit
from lms.learning.models import CourseRun

from .. import markup
from ..models import (
    BodyFormat,
    Cohort,
    Forum,
    ForumScope,
    Post,
    PostVote,
    StudyGroup,
    Thread,
    ThreadKind,
    ThreadReadState,
    ThreadSubscription,
)
from ..permissions import ForumAccess, forum_access
from .errors import CommunityError, CommunityForbidden

TITLE_MAX = 200
BODY_MAX = 20_000
MAX_MENTIONS = 10


# --- forums of runs, cohorts and groups ----------------------------------------------


def forum_for_run(*, run: CourseRun) -> Forum:
    """The run's forum, made the first time it is asked for."""
    forum = Forum.objects.filter(scope=ForumScope.RUN, run=run).first()
    if forum is not None:
        return forum
    try:
        with transaction.atomic():
            return Forum.objects.create(scope=ForumScope.RUN, run=run)
    except IntegrityError:  # made by a parallel request
        return Forum.objects.get(scope=ForumScope.RUN, run=run)


def forum_for_cohort(*, cohort: Cohort) -> Forum:
    forum, _ = Forum.objects.get_or_create(
        cohort=cohort, defaults={"scope": ForumScope.COHORT, "run_id": cohort.run_id}
    )
    return forum


def forum_for_group(*, group: StudyGroup) -> Forum:
    forum, _ = Forum.objects.get_or_create(
        group=group, defaults={"scope": ForumScope.GROUP, "run_id": group.run_id}
    )
    return forum


# --- writing ---------------------------------------------------------------------


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise CommunityError(_("Write a message first."))
    if len(body) > BODY_MAX:
        raise CommunityError(
            _("A message can be at most %(max)d characters long.") % {"max": BODY_MAX}
        )
    return body


def _check_format(body_format: str) -> str:
    if body_format not in BodyFormat.values:
        raise CommunityError(_("Choose Markdown or rich text."))
    return body_format


def _rendered(*, body: str, body_format: str, forum: Forum):
    """The message as safe HTML with its @mentions of the forum's readers."""
    rendered = markup.render(body, body_format=body_format)
    people = mentions_resolve(forum=forum, names=rendered.mentions)
    html = markup.mentions_link(rendered.html, set(people))
    return rendered, html, sorted({user.pk for user in people.values()})


def mentions_resolve(*, forum: Forum, names: set[str]) -> dict[str, User]:
    """@names → people who may read the forum.

    A name is a person's Korean name, their English name without spaces, or the
    part of their e-mail address before the @. A name that fits several readers
    is left alone: notifying the wrong person is worse than notifying nobody.
    Only readers count, so a mention never shows a message to an outsider.
    """
    names = {name for name in names if name}
    if not names:
        return {}
    names = set(sorted(names)[:MAX_MENTIONS])
    condition = Q(name_ko__in=names)
    for name in names:
        condition |= Q(email__istartswith=f"{name}@") | Q(name_en__iexact=name)
    candidates = list(User.objects.filter(condition, is_active=True)[:50])
    found: dict[str, list[User]] = {}
    for user in candidates:
        for name in names:
            if (
                user.name_ko == name
                or user.email.lower().startswith(f"{name.lower()}@")
                or user.name_en.replace(" ", "").lower() == name.lower()
            ):
                found.setdefault(name, []).append(user)
    resolved: dict[str, User] = {}
    readable: dict[int, bool] = {}
    for name, users in found.items():
        readers = []
        for user in users:
            if user.pk not in readable:
                readable[user.pk] = forum_access(user=user, forum=forum).can_read
            if readable[user.pk]:
                readers.append(user)
        if len(readers) == 1:
            resolved[name] = readers[0]
    return resolved


def _require_post(access: ForumAccess) -> None:
    if access.is_banned:
        raise CommunityForbidden(_("You have been banned from writing in this forum."))
    if not access.can_post:
        raise CommunityForbidden(_("You cannot write in this forum."))


def _follow(*, thread: Thread, user: User) -> None:
    ThreadSubscription.objects.get_or_create(thread=thread, user=user)


def _notify_later(task, pk: int) -> None:
    transaction.on_commit(partial(task.delay, pk))


@transaction.atomic
def thread_create(
    *,
    author: User,
    forum: Forum,
    title: str,
    body: str,
    kind: str = ThreadKind.DISCUSSION,
    body_format: str = BodyFormat.MARKDOWN,
    pin: bool = False,
) -> Thread:
    """Start a thread. Announcements are for moderators (instructors, staff,
    a group's organizers) and reach every reader of the forum.
    """
    access = forum_access(user=author, forum=forum)
    _require_post(access)
    if kind not in ThreadKind.values:
        raise CommunityError(_("Choose what kind of thread this is."))
    if kind == ThreadKind.ANNOUNCEMENT and not access.can_moderate:
        raise CommunityForbidden(_("Only instructors and organizers can announce."))
    title = markup.title_clean(title)
    if not title:
        raise CommunityError(_("Give the thread a title."))
    if len(title) > TITLE_MAX:
        raise CommunityError(
            _("A title can be at most %(max)d characters long.") % {"max": TITLE_MAX}
        )
    body = _check_body(body)
    body_format = _check_format(body_format)
    rate_limit_hit(user=author, action="community.thread")
    rendered, html, mentioned = _rendered(
        body=body, body_format=body_format, forum=forum
    )
    thread = Thread.objects.create(
        forum=forum,
        author=author,
        kind=kind,
        title=title,
        body_source=body,
        body_format=body_format,
        body_html=html,
        body_text=rendered.text,
        mentioned=mentioned,
        is_pinned=bool(pin and access.can_moderate),
        last_activity_at=timezone.now(),
    )
    _follow(thread=thread, user=author)
    ThreadReadState.objects.create(
        thread=thread, user=author, last_read_at=thread.last_activity_at
    )
    from ..tasks import thread_created_notify

    _notify_later(thread_created_notify, thread.pk)
    return thread


def _writable_thread(*, thread: Thread, user: User) -> tuple[Thread, ForumAccess]:
    """The thread, locked, if `user` may reply to it now."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    forum = Forum.objects.select_related("run__course").get(pk=thread.forum_id)
    access = forum_access(user=user, forum=forum)
    if not access.can_read or (not thread.is_visible and not access.can_moderate):
        raise CommunityForbidden(_("This thread is not available."))
    _require_post(access)
    if thread.is_locked and not access.can_moderate:
        raise CommunityError(_("This thread is locked: no new replies."))
    return thread, access


@transaction.atomic
def post_create(
    *,
    author: User,
    thread: Thread,
    body: str,
    parent: Post | None = None,
    body_format: str = BodyFormat.MARKDOWN,
) -> Post:
    """Reply to a thread, or to a reply (a reply to a reply goes under the
    same reply: one level of nesting).
    """
    thread, access = _writable_thread(thread=thread, user=author)
    if parent is not None:
        if parent.thread_id != thread.pk:
            raise CommunityError(_("That reply is in another thread."))
        if parent.parent_id is not None:
            parent = Post.objects.get(pk=parent.parent_id)
    body = _check_body(body)
    body_format = _check_format(body_format)
    rate_limit_hit(user=author, action="community.post")
    rendered, html, mentioned = _rendered(
        body=body, body_format=body_format, forum=access.forum
    )
    post = Post.objects.create(
        thread=thread,
        parent=parent,
        author=author,
        body_source=body,
        body_format=body_format,
        body_html=html,
        body_text=rendered.text,
        mentioned=mentioned,
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=post.created_at
    )
    _follow(thread=thread, user=author)
    ThreadReadState.objects.update_or_create(
        thread=thread, user=author, defaults={"last_read_at": post.created_at}
    )
    from ..tasks import post_created_notify

    _notify_later(post_created_notify, post.pk)
    return post


def _own_or_moderated(*, user: User, author_id: int | None, access: ForumAccess):
    if author_id != user.pk and not access.can_moderate:
        raise CommunityForbidden(_("Only the author or a moderator can do that."))


@transaction.atomic
def post_edit(*, user: User, post: Post, body: str, body_format: str) -> Post:
    """The author rewrites a reply; `edited_at` shows that it changed."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    thread, access = _writable_thread(thread=post.thread, user=user)
    if post.author_id != user.pk:
        raise CommunityForbidden(_("Only the author can edit a reply."))
    if not post.is_visible:
        raise CommunityError(_("This reply can no longer be edited."))
    body = _check_body(body)
    body_format = _check_format(body_format)
    rate_limit_hit(user=user, action="community.post")
    rendered, html, mentioned = _rendered(
        body=body, body_format=body_format, forum=access.forum
    )
    post.body_source, post.body_format = body, body_format
    post.body_html, post.body_text, post.mentioned = html, rendered.text, mentioned
    post.edited_at = timezone.now()
    post.save()
    return post


@transaction.atomic
def thread_edit(
    *, user: User, thread: Thread, title: str, body: str, body_format: str
) -> Thread:
    """The author rewrites the opening message or the title."""
    thread, access = _writable_thread(thread=thread, user=user)
    if thread.author_id != user.pk:
        raise CommunityForbidden(_("Only the author can edit a thread."))
    title = markup.title_clean(title)
    if not title or len(title) > TITLE_MAX:
        raise CommunityError(_("Give the thread a title."))
    body = _check_body(body)
    body_format = _check_format(body_format)
    rate_limit_hit(user=user, action="community.post")
    rendered, html, mentioned = _rendered(
        body=body, body_format=body_format, forum=access.forum
    )
    thread.title, thread.body_source, thread.body_format = title, body, body_format
    thread.body_html, thread.body_text, thread.mentioned = (
        html,
        rendered.text,
        mentioned,
    )
    thread.edited_at = timezone.now()
    thread.save()
    return thread


@transaction.atomic
def post_vote_toggle(*, user: User, post: Post) -> bool:
    """Upvote a reply, or take the vote back. True if the reply is now upvoted."""
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    access = forum_access(user=user, forum=post.thread.forum)
    _require_post(access)
    if post.author_id == user.pk:
        raise CommunityError(_("You cannot upvote your own reply."))
    if not post.is_visible:
        raise CommunityError(_("This reply is not available."))
    rate_limit_hit(user=user, action="community.vote")
    deleted, _rows = PostVote.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(upvote_count=F("upvote_count") - 1)
        return False
    PostVote.objects.create(post=post, user=user)
    Post.objects.filter(pk=post.pk).update(upvote_count=F("upvote_count") + 1)
    return True


@transaction.atomic
def post_accept(*, user: User, post: Post) -> bool:
    """The asker accepts a reply as the answer to their question, or takes it
    back. True if `post` is now the accepted answer.
    """
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if thread.kind != ThreadKind.QUESTION:
        raise CommunityError(_("Only questions have an accepted answer."))
    if thread.author_id != user.pk:
        raise CommunityForbidden(_("Only the person who asked can accept an answer."))
    access = forum_access(user=user, forum=thread.forum)
    _require_post(access)
    if not post.is_visible:
        raise CommunityError(_("This reply is not available."))
    if thread.accepted_post_id == post.pk:
        thread.accepted_post = None
        thread.save(update_fields=["accepted_post"])
        return False
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    from ..tasks import answer_accepted_notify

    _notify_later(answer_accepted_notify, post.pk)
    return True


@transaction.atomic
def post_endorse(*, user: User, post: Post) -> bool:
    """An instructor (a moderator of the forum) endorses a reply, or takes the
    endorsement back. True if the reply is now endorsed.
    """
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    access = forum_access(user=user, forum=post.thread.forum)
    if not access.can_moderate:
        raise CommunityForbidden(_("Only instructors can endorse an answer."))
    if not post.is_visible:
        raise CommunityError(_("This reply is not available."))
    if post.endorsed_by_id:
        post.endorsed_by, post.endorsed_at = None, None
        post.save(update_fields=["endorsed_by", "endorsed_at"])
        return False
    post.endorsed_by, post.endorsed_at = user, timezone.now()
    post.save(update_fields=["endorsed_by", "endorsed_at"])
    from ..tasks import answer_endorsed_notify

    _notify_later(answer_endorsed_notify, post.pk)
    return True


@transaction.atomic
def thread_follow_toggle(*, user: User, thread: Thread) -> bool:
    """Follow a thread or stop following it. True if now following."""
    access = forum_access(user=user, forum=thread.forum)
    if not access.can_read:
        raise CommunityForbidden(_("This thread is not available."))
    deleted, _rows = ThreadSubscription.objects.filter(
        thread=thread, user=user
    ).delete()
    if deleted:
        return False
    ThreadSubscription.objects.create(thread=thread, user=user)
    return True


def thread_read_mark(*, user: User, thread: Thread):
    """Remember that `user` has read `thread` up to now; returns the moment they
    had read it up to before (None the first time), for the "new" markers.
    """
    if not user.is_authenticated:
        return None
    now = timezone.now()
    previous = (
        ThreadReadState.objects.filter(thread=thread, user=user)
        .values_list("last_read_at", flat=True)
        .first()
    )
    if previous is None:
        try:
            with transaction.atomic():
                ThreadReadState.objects.create(
                    thread=thread, user=user, last_read_at=now
                )
        except IntegrityError:  # another tab, at the same moment
            pass
    elif previous < thread.last_activity_at:
        ThreadReadState.objects.filter(thread=thread, user=user).update(
            last_read_at=now
        )
    return previous


@transaction.atomic
def forum_read_all(*, user: User, forum: Forum) -> int:
    """Mark every thread of a forum read (the "mark all read" button)."""
    now = timezone.now()
    ids = list(forum.threads.values_list("pk", flat=True))
    ThreadReadState.objects.filter(user=user, thread_id__in=ids).update(
        last_read_at=now
    )
    have = set(
        ThreadReadState.objects.filter(user=user, thread_id__in=ids).values_list(
            "thread_id", flat=True
        )
    )
    ThreadReadState.objects.bulk_create(
        [
            ThreadReadState(user=user, thread_id=pk, last_read_at=now)
            for pk in ids
            if pk not in have
        ],
        ignore_conflicts=True,
    )
    return len(ids)
