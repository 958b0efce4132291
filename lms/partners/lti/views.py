"""The LTI tool's doors: login initiation, launch, landing pages, binding,
deep linking, our JWKS and the hand-off to the site. Thin: validation and
services do the work."""

import secrets
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
    QuizPage,
)
from lms.accounts.sign_in import session_sign_in_federated

from ..models import LtiPlatform, LtiResourceLink
from . import keys, services
from .validation import (
    DEEP_LINKING_SETTINGS,
    LAUNCH_PRESENTATION,
    STATE_COOKIE,
    STATE_TTL,
    LtiCookiesBlocked,
    LtiRefused,
    launch_validate,
    login_start,
    storage_value,
)

SESSION_KEY = "lti"
HANDOFF_SALT = "campus.lti.handoff"
HANDOFF_TTL = 600
BACKEND = "django.contrib.auth.backends.ModelBackend"
NOT_LAUNCHED = _("Open this page from your course on the partner's platform.")
EXPIRED = _("This form has expired. Launch again from your course.")


def _refused(request, error: LtiRefused):
    _activate_language(request)
    if isinstance(error, LtiCookiesBlocked):
        return render(
            request,
            "partners/lti/new_window.html",
            {"message": error.message, "login_url": _fallback_url(error)},
            status=error.status,
        )
    return render(
        request,
        "partners/lti/refused.html",
        {"message": error.message, "code": error.code},
        status=error.status,
    )


def _absolute(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _activate_language(request) -> None:
    """The launch's language, else the browser's: LTI URLs carry no language
    prefix, and LocaleMiddleware would give every unprefixed URL Korean."""
    language = request.session.get(SESSION_KEY, {}).get("language")
    language = language or translation.get_language_from_request(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language


def _lti_state(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


# --- login and launch -------------------------------------------------------------


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def login_initiate(request, platform_uuid=None):
    """OIDC third-party login initiation, by GET or POST (the spec allows both)."""
    params = (request.POST if request.method == "POST" else request.GET).dict()
    params["_launch_url"] = _absolute(request, "lti:launch")
    try:
        start = login_start(
            params=params, platform_uuid=str(platform_uuid) if platform_uuid else None
        )
    except LtiRefused as error:
        return _refused(request, error)
    if start.storage_target:
        response = render(
            request,
            "partners/lti/storage_put.html",
            {
                "redirect_url": start.redirect_url,
                "target": start.storage_target,
                "key": "campus_state_" + start.state[:16],
                "value": storage_value(start.state),
                "origin": _origin_of(start.platform.auth_url),
            },
        )
    else:
        response = HttpResponseRedirect(start.redirect_url)
    response.set_cookie(
        STATE_COOKIE + start.state[:16],
        start.state,
        max_age=STATE_TTL,
        path="/lti/",
        secure=True,
        httponly=True,
        samesite="None",
    )
    return response


@csrf_exempt
@never_cache
@require_POST
def launch(request):
    """The launch (resource link or deep linking): validate, then record."""
    id_token = request.POST.get("id_token", "")
    state = request.POST.get("state", "")
    try:
        validated = launch_validate(
            id_token=id_token,
            state=state,
            cookies=request.COOKIES,
            storage=request.POST.get("lti_storage_value", ""),
        )
    except LtiCookiesBlocked as error:
        if error.storage_target and "lti_storage_value" not in request.POST:
            # no cookie, but the platform keeps data for us: ask it, post again
            return render(
                request,
                "partners/lti/storage_get.html",
                {
                    "id_token": id_token,
                    "state": state,
                    "key": "campus_state_" + state[:16],
                    "target": error.storage_target,
                    "origin": _origin_of(
                        LtiPlatform.objects.get(uuid=error.platform_uuid).auth_url
                    ),
                    "launch_url": reverse("lti:launch"),
                    "login_url": _fallback_url(error),
                },
            )
        return _refused(request, error)
    except LtiRefused as error:
        return _refused(request, error)
    try:
        result = services.lti_launch_record(launch=validated)
    except LtiRefused as error:
        return _refused(request, error)
    # the id_token is the credential: no password sign-in's logging (see sign_in)
    session_sign_in_federated(request=request, user=result.user, backend=BACKEND)
    claims = validated.claims
    locale = str((claims.get(LAUNCH_PRESENTATION) or {}).get("locale") or "")
    language = "en" if locale.startswith("en") else "ko"
    translation.activate(language)
    request.LANGUAGE_CODE = language
    lti = {
        "language": language,
        "roles": sorted(result.roles),
        "links": [],
        "csrf": secrets.token_urlsafe(24),
        "platform": validated.platform.pk,
        "deployment": validated.deployment.pk,
    }
    if result.resource_link is not None:
        lti["links"] = [result.resource_link.pk]
        request.session[SESSION_KEY] = lti
        return _landing(request, result.resource_link, page=None, lti=lti)
    token = secrets.token_urlsafe(12)
    lti["deep_link"] = {
        "token": token,
        "settings": claims[DEEP_LINKING_SETTINGS],
        "context": (claims.get(services.CONTEXT) or {}).get("id"),
    }
    request.session[SESSION_KEY] = lti
    return HttpResponseRedirect(reverse("lti:deep-link", args=[token]))


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "*"


def _fallback_url(error: LtiCookiesBlocked) -> str:
    url = reverse("lti:login-registered", args=[error.platform_uuid])
    return f"{url}?{urlencode(error.login)}"


# --- landing pages ----------------------------------------------------------------


def _link_for(request, pk: int) -> tuple[LtiResourceLink, dict]:
    lti = _lti_state(request)
    if not request.user.is_authenticated or pk not in lti.get("links", []):
        raise LtiRefused(NOT_LAUNCHED, status=403, code="lti_not_launched")
    link = get_object_or_404(
        LtiResourceLink.objects.select_related("context", "page"), pk=pk
    )
    return link, lti


def _landing(request, link, *, page, lti):
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
        from .selectors import bindable_pages

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
        return _refused(request, error)
    _activate_language(request)
    page = None
    if page_id is not None:
        if link.page is None:
            raise Http404
        page = get_object_or_404(
            Page.objects.live().descendant_of(link.page, inclusive=True), pk=page_id
        )
    return _landing(request, link, page=page, lti=lti)


@csrf_exempt  # checked against the LTI session's own token: see below
@never_cache
@require_POST
def resource_bind(request, pk: int):
    """An instructor binds an unbound resource link to content."""
    try:
        link, lti = _link_for(request, pk)
        _activate_language(request)
        if not secrets.compare_digest(
            request.POST.get("token", ""), lti.get("csrf", "-")
        ):
            raise LtiRefused(EXPIRED, status=403)
        page = services.page_bindable(request.POST.get("page"))
        services.lti_resource_link_bind(
            link=link, page=page, roles=set(lti.get("roles", []))
        )
    except LtiRefused as error:
        return _refused(request, error)
    return HttpResponseRedirect(reverse("lti:resource", args=[pk]))


# --- hand-off to the site ---------------------------------------------------------


@never_cache
@require_GET
def handoff(request, signed: str):
    """Open a page of the site in a window of its own, signed in as the
    launched user (the site's session cookie is first-party there)."""
    try:
        data = signing.loads(signed, salt=HANDOFF_SALT, max_age=HANDOFF_TTL)
    except signing.BadSignature:
        return _refused(request, LtiRefused(EXPIRED, status=403))
    if not cache.add(f"lti:handoff:{data['n']}", 1, HANDOFF_TTL):
        return _refused(request, LtiRefused(EXPIRED, status=403))
    user = get_object_or_404(get_user_model(), pk=data["u"], is_active=True)
    page = get_object_or_404(Page.objects.live(), pk=data["p"])
    login(request, user, backend=BACKEND)
    return HttpResponseRedirect(page.url)


# --- our keys ---------------------------------------------------------------------


@require_GET
def jwks(request):
    """Campus's public keys (current and, during the overlap, the previous)."""
    response = JsonResponse(keys.tool_jwks())
    response["Cache-Control"] = "public, max-age=300"
    return response


def tool_urls(*, base_url: str, platform) -> dict:
    """The URLs a platform administrator types in for this registration."""
    base = base_url.rstrip("/")
    return {
        "login_url": base + reverse("lti:login-registered", args=[platform.uuid]),
        "launch_url": base + reverse("lti:launch"),
        "jwks_url": base + reverse("lti:jwks"),
        "deep_link_url": base + reverse("lti:launch"),
    }


def site_base_url(request=None) -> str:
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")


# --- deep linking -----------------------------------------------------------------


@csrf_exempt  # checked against the LTI session's own token
@never_cache
@require_http_methods(["GET", "POST"])
def deep_link(request, token: str):
    """The picker: search and filter content, then send the choice back signed."""
    from django.core.paginator import Paginator

    from ..models import LtiDeployment
    from .deeplinking import deep_link_response
    from .selectors import bindable_pages

    lti = _lti_state(request)
    flow = lti.get("deep_link") or {}
    if not request.user.is_authenticated or flow.get("token") != token:
        return _refused(request, LtiRefused(NOT_LAUNCHED, status=403))
    _activate_language(request)
    if services.INSTRUCTOR not in lti.get("roles", []):
        return _refused(
            request,
            LtiRefused(
                _("Only an instructor of this course can choose its content."),
                status=403,
            ),
        )
    if request.method == "POST":
        try:
            if not secrets.compare_digest(
                request.POST.get("token", ""), lti.get("csrf", "-")
            ):
                raise LtiRefused(EXPIRED, status=403)
            ids = [services.page_bindable(v) for v in request.POST.getlist("page")]
            platform = LtiPlatform.objects.get(pk=lti["platform"])
            deployment = LtiDeployment.objects.get(pk=lti["deployment"])
            jwt_ = deep_link_response(
                platform=platform,
                deployment_id=deployment.deployment_id,
                dl_settings=flow["settings"],
                pages=[page for page in ids if page is not None],
                launch_url=_absolute(request, "lti:launch"),
            )
        except LtiRefused as error:
            return _refused(request, error)
        del lti["deep_link"]
        request.session[SESSION_KEY] = lti
        return render(
            request,
            "partners/lti/deep_link_return.html",
            {"return_url": flow["settings"]["deep_link_return_url"], "jwt": jwt_},
        )
    kinds = [(m.__name__.lower(), m._meta.verbose_name) for m in services.BINDABLE]
    query = {
        "q": request.GET.get("q", "").strip()[:100],
        "kind": request.GET.get("kind", ""),
        "language": request.GET.get("language", ""),
    }
    if query["language"] not in ("", "ko", "en"):
        query["language"] = ""
    pages = Paginator(bindable_pages(**query), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/lti/deep_link.html",
        {
            "pages": pages,
            "query": query,
            "kinds": kinds,
            "lti": lti,
            "token": token,
            "multiple": flow["settings"].get("accept_multiple", True) is not False,
        },
    )


# --- dynamic registration ---------------------------------------------------------


@csrf_exempt  # the signed registration URL is the credential
@never_cache
@require_http_methods(["GET", "POST"])
def dynamic_register(request, signed: str):
    """LTI Dynamic Registration: confirm, then register with the platform."""
    from .dynamic import invitation_read, platform_register_dynamic

    _activate_language(request)
    params = request.POST if request.method == "POST" else request.GET
    configuration = params.get("openid_configuration", "")
    try:
        institution = invitation_read(signed)
        if not configuration:
            raise LtiRefused(
                _("Open this link from your platform's tool registration.")
            )
        if request.method == "GET":
            return render(
                request,
                "partners/lti/register.html",
                {
                    "institution": institution,
                    "configuration": configuration,
                    "registration_token": params.get("registration_token", ""),
                },
            )
        platform = platform_register_dynamic(
            openid_configuration=configuration,
            registration_token=params.get("registration_token", ""),
            base_url=site_base_url(request),
            institution=institution,
        )
    except LtiRefused as error:
        return _refused(request, error)
    return render(request, "partners/lti/registered.html", {"platform": platform})


# --- the demo platform ------------------------------------------------------------


def _demo_enabled():
    if not settings.LTI_DEMO_PLATFORM:
        raise Http404


@csrf_exempt  # receives the deep linking answer, as a platform does
@never_cache
@require_http_methods(["GET", "POST"])
def demo_platform(request):
    """A page that plays a partner's LMS and launches Campus in an iframe."""
    from .demo import PEOPLE, demo_platform

    _demo_enabled()
    _activate_language(request)
    platform = demo_platform()
    if platform is None:
        raise Http404
    received = None
    if request.method == "POST" and request.POST.get("JWT"):
        import jwt as pyjwt

        published = {k["kid"]: k for k in keys.tool_jwks()["keys"]}
        try:
            kid = pyjwt.get_unverified_header(request.POST["JWT"]).get("kid")
            received = pyjwt.decode(
                request.POST["JWT"],
                pyjwt.PyJWK(published[kid]),
                algorithms=["RS256"],
                audience=platform.issuer,
            ).get("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", [])
        except (KeyError, pyjwt.PyJWTError):
            received = []
    person = request.GET.get("as", "demo-learner")
    person = person if person in PEOPLE else "demo-learner"
    item = request.GET.get("item", "lesson")
    item = item if item in ("lesson", "quiz", "deep-link") else "lesson"
    login = {
        "iss": platform.issuer,
        "login_hint": person,
        "lti_message_hint": item,
        "target_link_uri": _absolute(request, "lti:launch"),
        "client_id": platform.client_id,
        "lti_deployment_id": "demo-deployment",
    }
    login_url = reverse("lti:login-registered", args=[platform.uuid])
    return render(
        request,
        "partners/lti/demo_platform.html",
        {
            "platform": platform,
            "launch_src": f"{login_url}?{urlencode(login)}",
            "person": person,
            "item": item,
            "received": received,
        },
    )


@never_cache
@require_GET
def demo_platform_auth(request):
    """The demo platform's OIDC authorization endpoint: signs the launch."""
    from .demo import demo_id_token, demo_platform

    _demo_enabled()
    platform = demo_platform()
    redirect_uri = request.GET.get("redirect_uri", "")
    if (
        platform is None
        or request.GET.get("client_id") != platform.client_id
        or redirect_uri != _absolute(request, "lti:launch")
    ):
        return _refused(request, LtiRefused(_("The launch is meant for another tool.")))
    language = translation.get_language_from_request(request)
    id_token = demo_id_token(
        platform=platform,
        login_hint=request.GET.get("login_hint", ""),
        message_hint=request.GET.get("lti_message_hint", "lesson"),
        nonce=request.GET.get("nonce", ""),
        target=redirect_uri,
        language="en" if language.startswith("en") else "ko",
    )
    return render(
        request,
        "partners/lti/demo_auth.html",
        {
            "redirect_uri": redirect_uri,
            "id_token": id_token,
            "state": request.GET.get("state", ""),
        },
    )
