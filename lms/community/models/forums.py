"""Forums: threads and replies, votes, follows, read markers and moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ForumScope(models.TextChoices):
    RUN = "run", _("Course run")
    COHORT = "cohort", _("Cohort")
    GROUP = "group", _("Study group")


class Forum(models.Model):
    """The discussion space of a course run, a cohort or a study group.

    Exactly one of `cohort` and `group` is set for those scopes, neither for a
    run's forum; `run` is set for every forum that belongs to a run (a group's
    run is optional). Who may read and post follows from the scope (see
    `permissions.forum_access`).
    """

    scope = models.CharField(_("scope"), max_length=8, choices=ForumScope.choices)
    run = models.ForeignKey(
        "learning.CourseRun",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forums",
    )
    cohort = models.OneToOneField(
        "community.Cohort",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum",
    )
    group = models.OneToOneField(
        "community.StudyGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        scope="run",
                        run__isnull=False,
                        cohort__isnull=True,
                        group__isnull=True,
                    )
                    | Q(
                        scope="cohort",
                        run__isnull=False,
                        cohort__isnull=False,
                        group__isnull=True,
                    )
                    | Q(scope="group", cohort__isnull=True, group__isnull=False)
                ),
                name="forum_scope_matches_its_owner",
            ),
            models.UniqueConstraint(
                fields=["run"], condition=Q(scope="run"), name="forum_one_per_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} #{self.pk}"


class ThreadKind(models.TextChoices):
    QUESTION = "question", _("Question")
    DISCUSSION = "discussion", _("Discussion")
    ANNOUNCEMENT = "announcement", _("Announcement")


class BodyFormat(models.TextChoices):
    MARKDOWN = "markdown", _("Markdown")
    HTML = "html", _("Rich text (HTML)")


class Thread(models.Model):
    """A conversation in a forum: a titled opening message and its replies.

    The opening message is kept on the thread; `body_html` is the sanitised
    rendering, made once when written. Counters and `last_activity_at` are kept
    by the services so the forum index reads one row per thread.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ThreadKind.choices, default="discussion"
    )
    title = models.CharField(_("title"), max_length=200)
    body_source = models.TextField(_("message"), max_length=20_000)
    body_format = models.CharField(
        _("format"), max_length=8, choices=BodyFormat.choices, default="markdown"
    )
    body_html = models.TextField(editable=False)
    body_text = models.TextField(editable=False, help_text="Plain text, for search.")
    mentioned = models.JSONField(
        default=list, editable=False, help_text="Ids of the people @mentioned."
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_post = models.ForeignKey(
        "community.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(
        pgettext_lazy("community", "started"), auto_now_add=True
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"))

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(
                fields=["forum", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_forum_index_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_visible(self) -> bool:
        return not self.is_hidden and self.deleted_at is None


class Post(models.Model):
    """A reply in a thread; a reply to a reply points at it (one level only)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body_source = models.TextField(_("message"), max_length=20_000)
    body_format = models.CharField(
        _("format"), max_length=8, choices=BodyFormat.choices, default="markdown"
    )
    body_html = models.TextField(editable=False)
    body_text = models.TextField(editable=False)
    mentioned = models.JSONField(default=list, editable=False)
    upvote_count = models.PositiveIntegerField(default=0)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at", "id"])]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.pk}"

    @property
    def is_visible(self) -> bool:
        return not self.is_hidden and self.deleted_at is None


class PostVote(models.Model):
    """One learner's upvote of a reply."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="vote_once_per_post")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ↑ {self.post_id}"


class ThreadSubscription(models.Model):
    """Following a thread: its replies arrive as notifications."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="subscriptions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"], name="follow_thread_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class ThreadReadState(models.Model):
    """When a person last read a thread: what came after is unread."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="read_states"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"], name="read_state_once_per_thread"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} at {self.last_read_at}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive or hateful")
    OFF_TOPIC = "off_topic", _("Off topic")
    PRIVACY = "privacy", _("Shares someone's personal data")
    OTHER = "other", _("Something else")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Hidden by a moderator")
    DISMISSED = "dismissed", _("Dismissed")


class Flag(models.Model):
    """A reader's report of a thread or a reply, waiting in the moderation queue."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="flags")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="flags")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FlagStatus.choices,
        default=FlagStatus.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "thread"],
                condition=Q(post__isnull=True),
                name="flag_thread_once_per_reporter",
            ),
            models.UniqueConstraint(
                fields=["reporter", "post"],
                condition=Q(post__isnull=False),
                name="flag_post_once_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.post_id or self.thread_id}"


class ForumBan(models.Model):
    """A person who may read a forum but no longer write in it, until `until`."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="bans")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    until = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty for no end.")
    )
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum ban")
        verbose_name_plural = _("forum bans")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="ban_once_per_forum")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.forum}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hid")
    UNHIDE = "unhide", _("Showed again")
    DELETE = "delete", _("Deleted")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    PIN = "pin", _("Pinned")
    UNPIN = "unpin", _("Unpinned")
    BAN = "ban", _("Banned")
    UNBAN = "unban", _("Lifted the ban on")
    DISMISS = "dismiss", _("Dismissed the flags on")
    AUTO_HIDE = "auto_hide", _("Hid after repeated flags")


class ModerationLog(models.Model):
    """The audit trail: who did what to which thread, reply or person, and why.

    Rows are only ever added; nothing changes or removes them.
    """

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="moderation_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(
        _("action"), max_length=16, choices=ModerationAction.choices
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person acted on: the author, or the one banned.",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()} {self.thread_id}"
