"""Names and Role Provisioning Services: the platform's roster into the run."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lms.learning.models import Enrollment, EnrollmentStatus
from lms.learning.services import (
    EnrollmentError,
    enrollment_create,
    enrollment_withdraw,
)

from ..models import LtiContext
from .ags import LtiServiceError, service_call
from .selectors import NRPS_SCOPE

MEMBERSHIP_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
MAX_PAGES = 500
_NEXT = re.compile(r'<([^>]+)>\s*;[^,]*rel="?next"?', re.IGNORECASE)


def next_link(headers) -> str:
    """The rel="next" URL of a Link header, or ''."""
    value = ""
    for name, content in dict(headers or {}).items():
        if name.lower() == "link":
            value = content
    match = _NEXT.search(value or "")
    return match.group(1) if match else ""


def roster_fetch(context: LtiContext) -> list[dict]:
    """Every member of the platform's context, page after page."""
    members, url = [], context.memberships_url
    for _page in range(MAX_PAGES):
        if not url:
            return members
        response = service_call(
            context.platform, [NRPS_SCOPE], url, headers={"Accept": MEMBERSHIP_TYPE}
        )
        members.extend(response.json().get("members") or [])
        url = next_link(response.headers)
    raise LtiServiceError("the roster has too many pages", retryable=False)


@dataclass
class RosterReport:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    refused: list = field(default_factory=list)


@transaction.atomic
def roster_apply(*, context: LtiContext, members: list[dict]) -> RosterReport:
    """Enrol the roster's active learners in the context's run; withdraw the
    LTI enrolments of people no longer on it (or no longer active)."""
    from .services import INSTRUCTOR, LEARNER, lti_user_provision, roles_map

    report = RosterReport()
    context = (
        LtiContext.objects.select_for_update(of=("self",))
        .select_related("platform", "run")
        .get(pk=context.pk)
    )
    run = context.run
    active = set()
    for member in members:
        sub = str(member.get("user_id") or "")
        if not sub:
            continue
        roles = roles_map(member.get("roles") or [])
        if member.get("status", "Active") != "Active":
            continue
        if INSTRUCTOR in roles or LEARNER not in roles:
            continue
        user = lti_user_provision(
            platform=context.platform, claims={**member, "sub": sub}
        )
        active.add(user.pk)
        if run is None:
            continue
        already = Enrollment.objects.filter(
            learner=user,
            run=run,
            status__in=(
                EnrollmentStatus.ACTIVE,
                EnrollmentStatus.COMPLETED,
                EnrollmentStatus.PENDING,
                EnrollmentStatus.WAITLISTED,
            ),
        ).exists()
        if already:
            continue
        try:
            with transaction.atomic():
                enrollment_create(learner=user, run=run, source="lti")
            report.added.append(sub)
        except EnrollmentError:
            report.refused.append(sub)
    if run is not None:
        leaving = (
            Enrollment.objects.filter(
                run=run,
                source="lti",
                status__in=(
                    EnrollmentStatus.ACTIVE,
                    EnrollmentStatus.PENDING,
                    EnrollmentStatus.WAITLISTED,
                ),
                learner__lti_identities__issuer=context.platform.issuer,
            )
            .exclude(learner_id__in=active)
            .select_related("learner")
            .distinct()
        )
        for enrollment in leaving:
            enrollment_withdraw(enrollment=enrollment)
            report.removed.append(enrollment.learner_id)
    context.roster_synced_at = timezone.now()
    context.save(update_fields=["roster_synced_at"])
    return report


def roster_sync(*, context: LtiContext) -> RosterReport:
    """Fetch the roster (outside any transaction), then apply it in one."""
    return roster_apply(context=context, members=roster_fetch(context))
