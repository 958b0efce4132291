"""Moderation: flags into a queue, hiding, locking, pinning, bans, soft delete.

Every moderator action writes a `ModerationLog` row in the same transaction:
the audit trail of who did what, to what, and why. Nothing is ever removed
from the database by these services; "deleted" threads and replies keep
their text for the trail and are shown to moderators only.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.core.ratelimit import rate_limit_hit

from ..models import (
    Flag,
    FlagReason,
    FlagStatus,
    Forum,
    ForumBan,
    ModerationAction,
    ModerationLog,
    Post,
    Thread,
)
from ..permissions import forum_access
from .errors import CommunityError, CommunityForbidden

# Distinct readers' flags that hide a thread or reply until a moderator looks.
FLAGS_TO_HIDE = 3
REASON_MAX = 500


def _log(
    *,
    forum_id: int,
    actor: User | None,
    action: str,
    thread: Thread | None = None,
    post: Post | None = None,
    subject: User | None = None,
    subject_id: int | None = None,
    reason: str = "",
) -> ModerationLog:
    return ModerationLog.objects.create(
        forum_id=forum_id,
        actor=actor,
        action=action,
        thread=thread,
        post=post,
        subject_id=subject.pk if subject is not None else subject_id,
        reason=(reason or "")[:REASON_MAX],
    )


def _moderator(*, user: User, forum: Forum):
    access = forum_access(user=user, forum=forum)
    if not access.can_moderate:
        raise CommunityForbidden(_("Only the forum's moderators can do that."))
    return access


def _target(*, thread: Thread, post: Post | None):
    """The locked row acted on: a reply if given, else the thread."""
    if post is not None:
        if post.thread_id != thread.pk:
            raise CommunityError(_("That reply is in another thread."))
        return Post.objects.select_for_update().get(pk=post.pk)
    return Thread.objects.select_for_update().get(pk=thread.pk)


def _reply_count_change(post: Post, delta: int) -> None:
    Thread.objects.filter(pk=post.thread_id).update(
        reply_count=F("reply_count") + delta
    )


@transaction.atomic
def flag_create(
    *,
    reporter: User,
    thread: Thread,
    post: Post | None = None,
    reason: str,
    comment: str = "",
) -> Flag:
    """A reader reports a thread or a reply. Flagging the same thing twice is a
    no-op; after FLAGS_TO_HIDE readers' flags it is hidden until a moderator
    decides, and moderators hear of the first flag.
    """
    forum = Forum.objects.select_related("run__course").get(pk=thread.forum_id)
    access = forum_access(user=reporter, forum=forum)
    if not access.can_read:
        raise CommunityForbidden(_("This thread is not available."))
    if reason not in FlagReason.values:
        raise CommunityError(_("Choose why you are reporting this."))
    target = _target(thread=thread, post=post)
    if target.author_id == reporter.pk:
        raise CommunityError(_("You cannot report your own message."))
    rate_limit_hit(user=reporter, action="community.flag")
    existing = Flag.objects.filter(
        reporter=reporter, thread=thread, post=post, status=FlagStatus.OPEN
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                forum=forum,
                thread=thread,
                post=post,
                reporter=reporter,
                reason=reason,
                comment=(comment or "").strip()[:500],
            )
    except IntegrityError:  # flagged before, and that flag was decided
        raise CommunityError(_("You have reported this already.")) from None
    open_flags = Flag.objects.filter(
        thread=thread, post=post, status=FlagStatus.OPEN
    ).count()
    if open_flags >= FLAGS_TO_HIDE and not target.is_hidden:
        target.is_hidden = True
        target.save(update_fields=["is_hidden"])
        if post is not None:
            _reply_count_change(post, -1)
        _log(
            forum_id=forum.pk,
            actor=None,
            action=ModerationAction.AUTO_HIDE,
            thread=thread,
            post=post,
            subject_id=target.author_id,
            reason=_("%(count)d readers reported it.") % {"count": open_flags},
        )
    if open_flags == 1:
        from functools import partial

        from ..tasks import flag_created_notify

        transaction.on_commit(partial(flag_created_notify.delay, flag.pk))
    return flag


def _flags_resolve(*, thread: Thread, post: Post | None, actor: User, status: str):
    Flag.objects.filter(thread=thread, post=post, status=FlagStatus.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def content_hide(
    *, actor: User, thread: Thread, post: Post | None = None, reason: str = ""
) -> None:
    """Hide a thread or a reply from everyone but moderators; closes its flags."""
    _moderator(user=actor, forum=thread.forum)
    target = _target(thread=thread, post=post)
    if not target.is_hidden:
        target.is_hidden = True
        target.save(update_fields=["is_hidden"])
        if post is not None and post.deleted_at is None:
            _reply_count_change(post, -1)
    _flags_resolve(thread=thread, post=post, actor=actor, status=FlagStatus.HIDDEN)
    _log(
        forum_id=thread.forum_id,
        actor=actor,
        action=ModerationAction.HIDE,
        thread=thread,
        post=post,
        subject_id=target.author_id,
        reason=reason,
    )


@transaction.atomic
def content_unhide(
    *, actor: User, thread: Thread, post: Post | None = None, reason: str = ""
) -> None:
    _moderator(user=actor, forum=thread.forum)
    target = _target(thread=thread, post=post)
    if target.is_hidden:
        target.is_hidden = False
        target.save(update_fields=["is_hidden"])
        if post is not None and post.deleted_at is None:
            _reply_count_change(post, 1)
    _log(
        forum_id=thread.forum_id,
        actor=actor,
        action=ModerationAction.UNHIDE,
        thread=thread,
        post=post,
        subject_id=target.author_id,
        reason=reason,
    )


@transaction.atomic
def flags_dismiss(
    *, actor: User, thread: Thread, post: Post | None = None, reason: str = ""
) -> int:
    """Nothing wrong: close the flags, and show again what they hid."""
    _moderator(user=actor, forum=thread.forum)
    target = _target(thread=thread, post=post)
    auto_hidden = (
        target.is_hidden
        and not ModerationLog.objects.filter(
            thread=thread, post=post, action=ModerationAction.HIDE
        ).exists()
    )
    if auto_hidden:
        target.is_hidden = False
        target.save(update_fields=["is_hidden"])
        if post is not None and post.deleted_at is None:
            _reply_count_change(post, 1)
    count = Flag.objects.filter(
        thread=thread, post=post, status=FlagStatus.OPEN
    ).update(status=FlagStatus.DISMISSED, resolved_at=timezone.now(), resolved_by=actor)
    _log(
        forum_id=thread.forum_id,
        actor=actor,
        action=ModerationAction.DISMISS,
        thread=thread,
        post=post,
        subject_id=target.author_id,
        reason=reason,
    )
    return count


@transaction.atomic
def content_delete(
    *, actor: User, thread: Thread, post: Post | None = None, reason: str = ""
) -> None:
    """Soft delete by the author or a moderator: the text stays for the trail."""
    forum = Forum.objects.select_related("run__course").get(pk=thread.forum_id)
    access = forum_access(user=actor, forum=forum)
    target = _target(thread=thread, post=post)
    if target.author_id != actor.pk and not access.can_moderate:
        raise CommunityForbidden(_("Only the author or a moderator can delete this."))
    if not access.can_read:
        raise CommunityForbidden(_("This thread is not available."))
    if target.deleted_at is not None:
        return
    target.deleted_at, target.deleted_by = timezone.now(), actor
    target.save(update_fields=["deleted_at", "deleted_by"])
    if post is not None and not post.is_hidden:
        _reply_count_change(post, -1)
    if post is not None and thread.accepted_post_id == post.pk:
        Thread.objects.filter(pk=thread.pk).update(accepted_post=None)
    _flags_resolve(thread=thread, post=post, actor=actor, status=FlagStatus.HIDDEN)
    _log(
        forum_id=forum.pk,
        actor=actor,
        action=ModerationAction.DELETE,
        thread=thread,
        post=post,
        subject_id=target.author_id,
        reason=reason,
    )


@transaction.atomic
def thread_lock_set(
    *, actor: User, thread: Thread, locked: bool, reason: str = ""
) -> None:
    """Lock a thread (no new replies but the moderators') or open it again."""
    _moderator(user=actor, forum=thread.forum)
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    _log(
        forum_id=thread.forum_id,
        actor=actor,
        action=ModerationAction.LOCK if locked else ModerationAction.UNLOCK,
        thread=thread,
        subject_id=thread.author_id,
        reason=reason,
    )


@transaction.atomic
def thread_pin_set(*, actor: User, thread: Thread, pinned: bool) -> None:
    """Pinned threads stay at the top of the forum."""
    _moderator(user=actor, forum=thread.forum)
    Thread.objects.filter(pk=thread.pk).update(is_pinned=pinned)
    _log(
        forum_id=thread.forum_id,
        actor=actor,
        action=ModerationAction.PIN if pinned else ModerationAction.UNPIN,
        thread=thread,
    )


@transaction.atomic
def forum_ban(
    *,
    actor: User,
    forum: Forum,
    user: User,
    reason: str,
    days: int | None = None,
    until: dt.datetime | None = None,
) -> ForumBan:
    """Stop `user` writing in `forum` (they may still read it), for `days` (or
    up to the moment `until`, as the admin's form gives it) or until lifted.
    Moderators cannot ban each other.
    """
    _moderator(user=actor, forum=forum)
    reason = (reason or "").strip()
    if not reason:
        raise CommunityError(_("Say why the person is banned."))
    if user.pk == actor.pk or forum_access(user=user, forum=forum).can_moderate:
        raise CommunityError(_("Moderators cannot be banned from their forum."))
    if days is not None and not 1 <= days <= 365:
        raise CommunityError(_("A ban lasts from 1 to 365 days, or has no end."))
    if until is not None and until <= timezone.now():
        raise CommunityError(_("A ban ends in the future."))
    if days:
        until = timezone.now() + dt.timedelta(days=days)
    ban, _created = ForumBan.objects.update_or_create(
        forum=forum,
        user=user,
        defaults={"reason": reason[:REASON_MAX], "until": until, "banned_by": actor},
    )
    _log(
        forum_id=forum.pk,
        actor=actor,
        action=ModerationAction.BAN,
        subject=user,
        reason=reason,
    )
    return ban


@transaction.atomic
def forum_unban(*, actor: User, forum: Forum, user: User) -> None:
    _moderator(user=actor, forum=forum)
    ForumBan.objects.filter(forum=forum, user=user).delete()
    _log(forum_id=forum.pk, actor=actor, action=ModerationAction.UNBAN, subject=user)
