"""Study groups: learners' own groups with a member limit, a forum and meetings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may join")
    INVITATION = "invitation", _("By invitation only")


class StudyGroup(models.Model):
    """A group that learners start and run themselves.

    `member_count` counts members; the join service keeps it under a row lock
    and a check constraint refuses one member more than `member_limit`
    whatever the code does. A group may belong to a course run (only its
    learners may join) or be open to everyone at the center.
    """

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what the group does"), max_length=3000)
    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="study_groups",
        help_text=_("Only this run's learners may join. Empty: anyone at the center."),
    )
    join_policy = models.CharField(
        _("who may join"),
        max_length=16,
        choices=JoinPolicy.choices,
        default=JoinPolicy.OPEN,
    )
    member_limit = models.PositiveSmallIntegerField(
        _("member limit"),
        default=8,
        validators=[MinValueValidator(2), MaxValueValidator(200)],
    )
    member_count = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(
        pgettext_lazy("community", "started"), auto_now_add=True
    )
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("study group")
        verbose_name_plural = _("study groups")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_count__lte=F("member_limit")),
                name="group_members_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(member_limit__gte=2), name="group_limit_at_least_two"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def places_left(self) -> int:
        return max(self.member_limit - self.member_count, 0)


class GroupRole(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    MEMBER = "member", _("Member")


class StudyGroupMembership(models.Model):
    group = models.ForeignKey(
        StudyGroup, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="study_group_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("study group member")
        verbose_name_plural = _("study group members")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.group}"


class StudyGroupInvitation(models.Model):
    """An organizer's invitation; accepting it joins the group (within the limit)."""

    group = models.ForeignKey(
        StudyGroup, on_delete=models.CASCADE, related_name="invitations"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "invitee"], name="group_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitee} → {self.group}"


class StudyGroupMeeting(models.Model):
    """A meeting of a group: when, and where (a room in the town, or online).

    The town's rooms are booked in `lms.timetable`, which sits above this app,
    so the place is free text here, plus an optional online link.
    """

    group = models.ForeignKey(
        StudyGroup, on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Organization town, meeting room 3"),
    )
    online_url = models.URLField(_("online link"), blank=True, max_length=500)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(place="", online_url=""), name="meeting_has_a_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.title}"
