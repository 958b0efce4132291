"""Writes about study groups: start, join, leave, invite, meet.

Places are guarded twice: the group row is locked while a member is counted,
and a check constraint on `StudyGroup.member_count` refuses one member more
than the limit whatever the code does.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.core.ratelimit import rate_limit_hit
from lms.learning.models import CourseRun

from ..models import (
    GroupRole,
    JoinPolicy,
    StudyGroup,
    StudyGroupInvitation,
    StudyGroupMeeting,
    StudyGroupMembership,
)
from ..permissions import group_access, run_member, run_teacher
from .errors import CapacityReached, CommunityError, CommunityForbidden
from .forums import forum_for_group
from .notifications import notification_send, notification_send_many

NAME_MAX = 120
MAX_MEETING_HOURS = 12


def _group_url(group: StudyGroup) -> str:
    return reverse("community:group-detail", args=[group.pk])


@transaction.atomic
def study_group_create(
    *,
    creator: User,
    name: str,
    description: str,
    member_limit: int,
    join_policy: str = JoinPolicy.OPEN,
    run: CourseRun | None = None,
) -> StudyGroup:
    """Start a group; its creator is its first member and organizer."""
    name = " ".join((name or "").split())
    description = (description or "").strip()
    if not name or len(name) > NAME_MAX:
        raise CommunityError(_("Give the group a name of up to 120 characters."))
    if not description:
        raise CommunityError(_("Say in a few words what the group will do."))
    if join_policy not in JoinPolicy.values:
        raise CommunityError(_("Choose who may join."))
    if not isinstance(member_limit, int) or not 2 <= member_limit <= 200:
        raise CommunityError(_("A group has room for 2 to 200 members."))
    if run is not None and not (
        run_member(user=creator, run_id=run.pk) or run_teacher(user=creator, run=run)
    ):
        raise CommunityForbidden(_("Only the run's learners can start a group in it."))
    rate_limit_hit(user=creator, action="community.group")
    group = StudyGroup.objects.create(
        name=name,
        description=description,
        member_limit=member_limit,
        join_policy=join_policy,
        run=run,
        created_by=creator,
        member_count=1,
    )
    StudyGroupMembership.objects.create(
        group=group, user=creator, role=GroupRole.ORGANIZER
    )
    forum_for_group(group=group)
    return group


def _add_member(group: StudyGroup, user: User) -> StudyGroupMembership:
    """Add to a locked group if a place is free."""
    if group.member_count >= group.member_limit:
        raise CapacityReached(_("This group is full."))
    StudyGroup.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
    group.member_count += 1
    return StudyGroupMembership.objects.create(group=group, user=user)


@transaction.atomic
def study_group_join(*, user: User, group: StudyGroup) -> StudyGroupMembership:
    """Join an open group (or one you are invited to) while it has room.
    Joining again is a no-op.
    """
    group = StudyGroup.objects.select_for_update().get(pk=group.pk)
    existing = StudyGroupMembership.objects.filter(group=group, user=user).first()
    if existing is not None:
        return existing
    access = group_access(user=user, group=group)
    if group.is_archived:
        raise CommunityError(_("This group has closed."))
    if not access.may_join:
        if group.join_policy == JoinPolicy.INVITATION:
            raise CommunityForbidden(_("This group is by invitation only."))
        raise CommunityForbidden(_("Only the run's learners can join this group."))
    membership = _add_member(group, user)
    StudyGroupInvitation.objects.filter(
        group=group, invitee=user, answered_at__isnull=True
    ).update(answered_at=timezone.now(), accepted=True)
    organizers = User.objects.filter(
        study_group_memberships__group=group,
        study_group_memberships__role=GroupRole.ORGANIZER,
    )
    notification_send_many(
        recipients=list(organizers),
        kind="group.joined",
        title=lambda: (
            _("%(name)s joined %(group)s")
            % {"name": user.display_name, "group": group.name}
        ),
        url=_group_url(group),
        actor=user,
        dedupe_key=f"group:{group.pk}:joined:{user.pk}:{membership.pk}",
    )
    return membership


@transaction.atomic
def study_group_leave(*, user: User, group: StudyGroup) -> None:
    """Leave a group. The last organizer hands over to the longest member, so a
    group with members always has an organizer.
    """
    group = StudyGroup.objects.select_for_update().get(pk=group.pk)
    membership = StudyGroupMembership.objects.filter(group=group, user=user).first()
    if membership is None:
        return
    membership.delete()
    StudyGroup.objects.filter(pk=group.pk).update(member_count=F("member_count") - 1)
    if membership.role == GroupRole.ORGANIZER:
        remaining = StudyGroupMembership.objects.filter(group=group)
        if not remaining.filter(role=GroupRole.ORGANIZER).exists():
            successor = remaining.order_by("joined_at", "pk").first()
            if successor is not None:
                successor.role = GroupRole.ORGANIZER
                successor.save(update_fields=["role"])


@transaction.atomic
def study_group_invite(
    *, organizer: User, group: StudyGroup, email: str
) -> StudyGroupInvitation:
    """An organizer invites someone by the e-mail address they sign in with."""
    group = StudyGroup.objects.select_for_update().get(pk=group.pk)
    if not group_access(user=organizer, group=group).is_organizer:
        raise CommunityForbidden(_("Only the group's organizers can invite."))
    invitee = User.objects.filter(email__iexact=(email or "").strip()).first()
    if invitee is None or not invitee.is_active:
        raise CommunityError(_("Nobody with that e-mail address uses Campus."))
    if StudyGroupMembership.objects.filter(group=group, user=invitee).exists():
        raise CommunityError(_("That person is already a member."))
    if group.run_id and not run_member(user=invitee, run_id=group.run_id):
        raise CommunityError(_("Only the run's learners can be invited."))
    if group.member_count >= group.member_limit:
        raise CapacityReached(_("This group is full."))
    rate_limit_hit(user=organizer, action="community.invite")
    invitation, created = StudyGroupInvitation.objects.get_or_create(
        group=group, invitee=invitee, defaults={"invited_by": organizer}
    )
    if not created:
        if invitation.answered_at is None:
            return invitation  # still waiting for an answer: no second notice
        invitation.answered_at, invitation.accepted = None, None
        invitation.invited_by = organizer
        invitation.save(update_fields=["answered_at", "accepted", "invited_by"])
    notification_send(
        recipient=invitee,
        kind="group.invited",
        title=lambda: (
            _("%(name)s invited you to the study group %(group)s")
            % {"name": organizer.display_name, "group": group.name}
        ),
        body=group.description[:300],
        url=_group_url(group),
        actor=organizer,
    )
    return invitation


@transaction.atomic
def invitation_decline(*, user: User, group: StudyGroup) -> None:
    StudyGroupInvitation.objects.filter(
        group=group, invitee=user, answered_at__isnull=True
    ).update(answered_at=timezone.now(), accepted=False)


def online_url_check(url: str) -> str:
    """An online meeting link: http or https only, never javascript: or data:."""
    url = (url or "").strip()
    if url and urlsplit(url).scheme not in ("http", "https"):
        raise CommunityError(_("An online link starts with https:// or http://."))
    return url


@transaction.atomic
def meeting_create(
    *,
    organizer: User,
    group: StudyGroup,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    online_url: str = "",
    notes: str = "",
) -> StudyGroupMeeting:
    """Plan a meeting: a time, and a room in the town or an online link (or
    both). Members hear of it and find it in their calendar feed.
    """
    group = StudyGroup.objects.select_for_update().get(pk=group.pk)
    if not group_access(user=organizer, group=group).is_organizer:
        raise CommunityForbidden(_("Only the group's organizers can plan meetings."))
    title = " ".join((title or "").split())
    if not title:
        raise CommunityError(_("Give the meeting a title."))
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise CommunityError(_("A meeting ends after it starts."))
    if ends_at - starts_at > dt.timedelta(hours=MAX_MEETING_HOURS):
        raise CommunityError(_("A meeting lasts at most 12 hours."))
    if starts_at < timezone.now():
        raise CommunityError(_("A meeting cannot start in the past."))
    place = " ".join((place or "").split())[:200]
    online_url = online_url_check(online_url)
    if not place and not online_url:
        raise CommunityError(_("Give a place in the town or an online link."))
    meeting = StudyGroupMeeting.objects.create(
        group=group,
        title=title[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        notes=(notes or "").strip()[:2000],
        created_by=organizer,
    )
    members = User.objects.filter(study_group_memberships__group=group)
    notification_send_many(
        recipients=list(members),
        kind="group.meeting",
        title=lambda: (
            _("New meeting of %(group)s: %(title)s")
            % {"group": group.name, "title": meeting.title}
        ),
        body=timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")
        + (f" · {place}" if place else ""),
        url=_group_url(group),
        actor=organizer,
        dedupe_key=f"meeting:{meeting.pk}",
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, organizer: User, meeting: StudyGroupMeeting) -> None:
    meeting = StudyGroupMeeting.objects.select_for_update().get(pk=meeting.pk)
    if not group_access(user=organizer, group=meeting.group).is_organizer:
        raise CommunityForbidden(_("Only the group's organizers can cancel meetings."))
    if meeting.is_cancelled:
        return
    meeting.is_cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["is_cancelled", "sequence", "updated_at"])
    members = User.objects.filter(study_group_memberships__group=meeting.group)
    notification_send_many(
        recipients=list(members),
        kind="group.meeting_cancelled",
        title=lambda: _("Meeting cancelled: %(title)s") % {"title": meeting.title},
        url=_group_url(meeting.group),
        actor=organizer,
        dedupe_key=f"meeting:{meeting.pk}:cancelled",
    )
