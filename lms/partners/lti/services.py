"""Writes of the LTI tool: registrations, what a validated launch creates,
binding resource links to content."""

import hashlib
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
    QuizPage,
)
from lms.learning.models import Enrollment, EnrollmentStatus
from lms.learning.services import EnrollmentError, enrollment_create

from ..models import (
    LtiContext,
    LtiDeployment,
    LtiIdentity,
    LtiLineItem,
    LtiPlatform,
    LtiResourceLink,
)
from . import selectors
from .validation import (
    AGS_ENDPOINT,
    CONTEXT,
    CUSTOM,
    LAUNCH_PRESENTATION,
    NRPS,
    RESOURCE_LINK,
    ROLES,
    Launch,
    LtiRefused,
)

User = get_user_model()

BINDABLE = (CoursePage, CourseModulePage, LessonPage, QuizPage, AssignmentPage)
GRADED = (CoursePage, QuizPage, AssignmentPage)
# done on the site, in a window of its own (the hand-off): graded work
HANDED_OFF = (QuizPage, AssignmentPage)
LEARNER, INSTRUCTOR = "learner", "instructor"
# enrolling again in these is a no-op (enrollment_create): a launch skips it
ENROLLED = (
    EnrollmentStatus.ACTIVE,
    EnrollmentStatus.COMPLETED,
    EnrollmentStatus.PENDING,
    EnrollmentStatus.WAITLISTED,
)

_ROLE_VOCABULARIES = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership#",
    "http://purl.imsglobal.org/vocab/lis/v2/membership/",
    "http://purl.imsglobal.org/vocab/lis/v2/system/person#",
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#",
)
_TEACHING = {"Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant"}
_ADMINISTRATOR = "Administrator"


def roles_map(roles) -> set[str]:
    """LTI roles, long or short, to Campus's two: unknown roles are ignored and
    no known role at all means a learner."""
    found = set()
    for role in roles if isinstance(roles, list) else []:
        if not isinstance(role, str):
            continue
        name = role
        for vocabulary in _ROLE_VOCABULARIES:
            if role.startswith(vocabulary):
                name = role[len(vocabulary) :]
                context_role = "membership" in vocabulary
                break
        else:
            context_role = "/" not in role and ":" not in role  # a short name
        name = name.split("#")[-1]  # membership/Instructor#TeachingAssistant
        if not context_role:
            if name == _ADMINISTRATOR:  # a platform administrator may teach
                found.add(INSTRUCTOR)
            continue
        if name in _TEACHING:
            found.add(INSTRUCTOR)
        elif name in ("Learner", "Member", "Mentor"):
            found.add(LEARNER)
    return found or {LEARNER}


def _placeholder_email(issuer: str, sub: str) -> str:
    digest = hashlib.sha256(f"{issuer}\n{sub}".encode()).hexdigest()[:24]
    return f"lti-{digest}@lti.invalid"


def _display_name(claims: dict) -> str:
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return str(name)[:100]


def lti_user_provision(*, platform: LtiPlatform, claims: dict):
    """The Campus user for (issuer, sub): found, or made. Never matched by
    e-mail, which any platform may claim; a free e-mail address is used as the
    login, else a placeholder that cannot receive mail."""
    sub = str(claims["sub"])
    identity = (
        LtiIdentity.objects.select_related("user")
        .filter(issuer=platform.issuer, sub=sub)
        .first()
    )
    name = _display_name(claims)
    if identity is not None:
        user = identity.user
        if name and name not in (user.name_ko, user.name_en):
            user.name_ko = user.name_en = name
            user.save(update_fields=["name_ko", "name_en"])
        return user
    email = str(claims.get("email") or "").strip().lower()
    if not email or User.objects.filter(email__iexact=email).exists():
        email = _placeholder_email(platform.issuer, sub)
    locale = str((claims.get(LAUNCH_PRESENTATION) or {}).get("locale") or "")
    user = User(
        email=email,
        name_ko=name,
        name_en=name,
        preferred_language="en" if locale.startswith("en") else "ko",
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():  # two first launches at once: one makes the user
            user.save()
            LtiIdentity.objects.create(
                issuer=platform.issuer, sub=sub, user=user, platform=platform
            )
    except IntegrityError:
        identity = LtiIdentity.objects.select_related("user").filter(
            issuer=platform.issuer, sub=sub
        )
        found = identity.first()
        if found is None:
            raise
        return found.user
    return user


def course_of(page) -> CoursePage | None:
    """The course a bindable page belongs to."""
    if page is None:
        return None
    specific = page.specific
    if isinstance(specific, CoursePage):
        return specific
    return CoursePage.objects.ancestor_of(page).first()


def page_bindable(page_id) -> Page | None:
    """A live course, module, lesson, quiz or assignment page with this id,
    or None."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not isinstance(page.specific, BINDABLE):
        return None
    return page


def _context_bind_run(context: LtiContext, page) -> None:
    if context.run_id is None and page is not None:
        run = selectors.run_for_course(course_of(page))
        if run is not None:
            context.run = run
            context.save(update_fields=["run"])


@dataclass
class LaunchResult:
    """What a launch linked: who, where, with which roles."""

    user: object
    roles: set
    context: LtiContext | None
    resource_link: LtiResourceLink | None


def _fields_update(row, values: dict) -> None:
    """Set `values` on `row` and write only the fields that changed (a launch
    repeats the same claims: the second one writes nothing)."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save(update_fields=changed)


def _context_record(launch: Launch) -> LtiContext | None:
    claim = launch.claims.get(CONTEXT)
    if not isinstance(claim, dict) or not claim.get("id"):
        return None
    ags = launch.claims.get(AGS_ENDPOINT) or {}
    nrps = launch.claims.get(NRPS) or {}
    values = {
        "title": str(claim.get("title") or "")[:500],
        "label": str(claim.get("label") or "")[:255],
        "lineitems_url": str(ags.get("lineitems") or ""),
        "ags_scopes": list(ags.get("scope") or []),
        "memberships_url": str(nrps.get("context_memberships_url") or ""),
    }
    context, created = LtiContext.objects.get_or_create(
        platform=launch.platform,
        deployment=launch.deployment,
        context_id=str(claim["id"])[:255],
        defaults=values,
    )
    if not created:
        # a launch without a service claim keeps the service the context had
        kept = ("lineitems_url", "ags_scopes", "memberships_url")
        _fields_update(context, {k: v for k, v in values.items() if v or k not in kept})
    return context


def _resource_link_record(launch: Launch, context) -> LtiResourceLink:
    claim = launch.claims[RESOURCE_LINK]
    ags = launch.claims.get(AGS_ENDPOINT) or {}
    values = {
        "title": str(claim.get("title") or "")[:500],
        "context_id": context.pk if context is not None else None,
        "lineitem_url": str(ags.get("lineitem") or ""),
    }
    chosen = (launch.claims.get(CUSTOM) or {}).get("campus_page")
    link, created = LtiResourceLink.objects.select_related("page").get_or_create(
        platform=launch.platform,
        deployment=launch.deployment,
        resource_link_id=str(claim["id"])[:255],
        defaults={**values, "page": lambda: page_bindable(chosen)},
    )
    if not created:
        _fields_update(link, {k: v for k, v in values.items() if v})
        page = page_bindable(chosen) if link.page_id is None else None
        # an unbound link takes the content our deep link chose, unless an
        # instructor bound it meanwhile (the update is conditional, no lock)
        if page is not None and LtiResourceLink.objects.filter(
            pk=link.pk, page__isnull=True
        ).update(page=page):
            link.page = page
    if context is not None:
        link.context = context  # the same row: no query to read it again
    return link


def _enrolled(user, run_id: int) -> bool:
    return Enrollment.objects.filter(
        learner=user, run_id=run_id, status__in=ENROLLED
    ).exists()


@transaction.atomic
def lti_launch_record(*, launch: Launch) -> LaunchResult:
    """Link a validated launch: the user by (issuer, sub), the context, the
    resource link (and the content our deep link chose), and the learner's
    enrolment in the run bound to the context. Called only after
    `launch_validate` succeeded: a refused launch never reaches here. A launch
    that repeats what Campus already holds reads and writes nothing."""
    claims = launch.claims
    roles = roles_map(claims.get(ROLES))
    user = lti_user_provision(platform=launch.platform, claims=claims)
    context = _context_record(launch)
    link = None
    if launch.message_type == "LtiResourceLinkRequest":
        link = _resource_link_record(launch, context)
        if context is not None and link.page is not None:
            _context_bind_run(context, link.page)
            _line_item_record(context=context, link=link)
    if INSTRUCTOR in roles and context is not None and context.memberships_url:
        from .tasks import lti_roster_sync

        transaction.on_commit(partial(lti_roster_sync.delay, context.pk))
    learner = LEARNER in roles and INSTRUCTOR not in roles
    if learner and context and context.run_id and not _enrolled(user, context.run_id):
        try:
            enrollment_create(learner=user, run=context.run, source="lti")
        except EnrollmentError as error:
            raise LtiRefused(error.message, status=409, code="lti_enrolment") from error
    return LaunchResult(user=user, roles=roles, context=context, resource_link=link)


def _line_item_record(*, context: LtiContext, link: LtiResourceLink) -> None:
    """The line item for a graded page: the one the launch names, else made
    through the platform's line items service (after commit, by Celery)."""
    if not isinstance(link.page.specific, GRADED):
        return
    if LtiLineItem.objects.filter(context=context, page=link.page).exists():
        return
    if link.lineitem_url:
        LtiLineItem.objects.create(
            context=context,
            page=link.page,
            url=link.lineitem_url,
            resource_id=resource_id_for(link.page),
        )
    elif context.lineitems_url and selectors.AGS_LINEITEM_SCOPE in context.ags_scopes:
        from .tasks import lti_line_item_ensure

        transaction.on_commit(
            partial(lti_line_item_ensure.delay, context.pk, link.page_id, link.pk)
        )


def resource_id_for(page) -> str:
    return f"campus-page-{page.pk}"


@transaction.atomic
def lti_resource_link_bind(*, link: LtiResourceLink, page, roles) -> LtiResourceLink:
    """Bind an unbound resource link to a page; only the platform's instructors."""
    if INSTRUCTOR not in roles:
        raise LtiRefused(
            _("Only an instructor of this course can choose its content."), status=403
        )
    page = page_bindable(getattr(page, "pk", page))
    if page is None:
        raise LtiRefused(_("Choose a course, module, lesson, quiz or assignment."))
    link = LtiResourceLink.objects.select_for_update().get(pk=link.pk)
    if link.page_id is not None:
        raise LtiRefused(_("This link already shows other content."), status=409)
    link.page = page
    link.save(update_fields=["page"])
    if link.context is not None:
        _context_bind_run(link.context, page)
        _line_item_record(context=link.context, link=link)
    return link


@transaction.atomic
def lti_platform_register(
    *,
    issuer: str,
    client_id: str,
    deployment_ids: list[str],
    auth_url: str,
    jwks_url: str = "",
    token_url: str = "",
    name: str = "",
    institution=None,
    jwks: dict | None = None,
    token_audience: str = "",
    new_uuid=None,
) -> LtiPlatform:
    """Create or update a registration (issuer + client id) and its deployments.

    `new_uuid` names a new registration (dynamic registration has already
    told the platform its login URL, which carries it)."""
    defaults = {"auth_url": auth_url}
    if new_uuid is not None:
        defaults["uuid"] = new_uuid
    platform, _created = LtiPlatform.objects.select_for_update().get_or_create(
        issuer=issuer, client_id=client_id, defaults=defaults
    )
    platform.token_audience = token_audience or platform.token_audience
    platform.auth_url = auth_url
    platform.jwks_url = jwks_url
    platform.token_url = token_url
    platform.name = name or platform.name
    platform.institution = institution or platform.institution
    if jwks is not None:
        platform.jwks = jwks
    platform.is_active = True
    platform.full_clean()
    platform.save()
    for deployment_id in deployment_ids:
        LtiDeployment.objects.get_or_create(
            platform=platform, deployment_id=deployment_id
        )
    return platform
