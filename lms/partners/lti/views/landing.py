"""The pages a launch lands on, binding an unbound link, and the hand-off
of graded work to the site."""

import secrets

from django.contrib.auth import get_user_model, login
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
    QuizPage,
)

from ...models import LtiResourceLink
from .. import services
from ..selectors import bindable_pages
from ..validation import LtiRefused
from .common import (
    BACKEND,
    EXPIRED,
    NOT_LAUNCHED,
    language_activate,
    lti_state,
    refused,
)

HANDOFF_SALT = "campus.lti.handoff"
HANDOFF_TTL = 600


def _link_for(request, pk: int) -> tuple[LtiResourceLink, dict]:
    lti = lti_state(request)
    if not request.user.is_authenticated or pk not in lti.get("links", []):
        raise LtiRefused(NOT_LAUNCHED, status=403, code="lti_not_launched")
    link = get_object_or_404(
        LtiResourceLink.objects.select_related("context", "page"), pk=pk
    )
    return link, lti


def landing_render(request, link, *, page, lti):
    shown = page or link.page
    context = {
        "link": link,
        "lti": lti,
        "is_instructor": services.INSTRUCTOR in lti.get("roles", []),
    }
    if shown is None:
        context["kinds"] = [
            (model.__name__.lower(), model._meta.verbose_name)
            for model in services.BINDABLE
        ]
        context["choices"] = (
            list(bindable_pages()[:50]) if context["is_instructor"] else []
        )
        return render(request, "partners/lti/unbound.html", context)
    shown = shown.specific
    context["page"] = shown
    if isinstance(shown, (CoursePage, CourseModulePage)):
        context["children"] = _outline(shown)
    if isinstance(shown, services.HANDED_OFF):
        context["is_assignment"] = isinstance(shown, AssignmentPage)
        signed = signing.dumps(
            {"u": request.user.pk, "p": shown.pk, "n": secrets.token_hex(8)},
            salt=HANDOFF_SALT,
        )
        context["handoff_url"] = reverse("lti:handoff", args=[signed])
    return render(request, "partners/lti/landing.html", context)


def _outline(page) -> list:
    """Modules and their items (or a module's items), in one query."""
    descendants = (
        Page.objects.live()
        .descendant_of(page)
        .filter(depth__lte=page.depth + 2)
        .type(CourseModulePage, LessonPage, QuizPage, AssignmentPage)
        .order_by("path")
    )
    return list(descendants)


@never_cache
@require_GET
def resource(request, pk: int, page_id: int | None = None):
    """The landing page of a resource link, or a page inside its content."""
    try:
        link, lti = _link_for(request, pk)
    except LtiRefused as error:
        return refused(request, error)
    language_activate(request)
    page = None
    if page_id is not None:
        if link.page is None:
            raise Http404
        page = get_object_or_404(
            Page.objects.live().descendant_of(link.page, inclusive=True), pk=page_id
        )
    return landing_render(request, link, page=page, lti=lti)


@csrf_exempt  # checked against the LTI session's own token: see below
@never_cache
@require_POST
def resource_bind(request, pk: int):
    """An instructor binds an unbound resource link to content."""
    try:
        link, lti = _link_for(request, pk)
        language_activate(request)
        if not secrets.compare_digest(
            request.POST.get("token", ""), lti.get("csrf", "-")
        ):
            raise LtiRefused(EXPIRED, status=403)
        page = services.page_bindable(request.POST.get("page"))
        services.lti_resource_link_bind(
            link=link, page=page, roles=set(lti.get("roles", []))
        )
    except LtiRefused as error:
        return refused(request, error)
    return HttpResponseRedirect(reverse("lti:resource", args=[pk]))


@never_cache
@require_GET
def handoff(request, signed: str):
    """Open a page of the site in a window of its own, signed in as the
    launched user (the site's session cookie is first-party there)."""
    try:
        data = signing.loads(signed, salt=HANDOFF_SALT, max_age=HANDOFF_TTL)
    except signing.BadSignature:
        return refused(request, LtiRefused(EXPIRED, status=403))
    if not cache.add(f"lti:handoff:{data['n']}", 1, HANDOFF_TTL):
        return refused(request, LtiRefused(EXPIRED, status=403))
    user = get_object_or_404(get_user_model(), pk=data["u"], is_active=True)
    page = get_object_or_404(Page.objects.live(), pk=data["p"])
    login(request, user, backend=BACKEND)
    return HttpResponseRedirect(page.url)
