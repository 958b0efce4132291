"""Profile changes: an organization's admin proposes, staff approve or reject."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import CampusError

from ..organization_models import (
    EDITABLE_FIELDS,
    ChangeStatus,
    OrganizationAdmin,
    OrganizationProfile,
    ProfileChange,
)


class OrganizationError(CampusError):
    code = "organization-refused"


@transaction.atomic
def profile_change_propose(
    *, profile: OrganizationProfile, user, proposed: dict
) -> ProfileChange:
    """Propose changes (replacing a pending proposal); nothing is public yet."""
    if not OrganizationAdmin.objects.filter(
        organization_id=profile.organization_id, user=user
    ).exists():
        raise OrganizationError(
            _("Only the organization's admins can change its profile."), status=403
        )
    proposed = {key: proposed[key] for key in EDITABLE_FIELDS if key in proposed}
    pending = (
        ProfileChange.objects.select_for_update()
        .filter(profile=profile, status=ChangeStatus.PENDING)
        .first()
    )
    if pending is not None:
        pending.proposed, pending.submitted_by = proposed, user
        pending.save(update_fields=["proposed", "submitted_by"])
        return pending
    try:
        with transaction.atomic():
            return ProfileChange.objects.create(
                profile=profile, proposed=proposed, submitted_by=user
            )
    except IntegrityError as error:
        raise OrganizationError(_("A change is already waiting; try again.")) from error


@transaction.atomic
def profile_change_decide(
    *, change: ProfileChange, actor, approve: bool
) -> ProfileChange:
    """Staff approve (the profile changes) or reject a proposal."""
    if not actor.is_staff:
        raise OrganizationError(
            _("Only staff can approve profile changes."), status=403
        )
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise OrganizationError(_("This change has already been decided."))
    if approve:
        profile = OrganizationProfile.objects.select_for_update().get(
            pk=change.profile_id
        )
        for key, value in change.proposed.items():
            if key in EDITABLE_FIELDS:
                setattr(profile, key, value)
        profile.full_clean()
        profile.save()
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by, change.decided_at = actor, timezone.now()
    change.save()
    return change
