"""The demo platform: a page of Campus that plays a partner's LMS, registered
like any platform, that launches a demo lesson in an iframe. Only where
LTI_DEMO_PLATFORM is on (development); it signs launches for demo people."""

import time

import jwt
from django.conf import settings

from courses.models import LessonPage, QuizPage
from lms.core.site_url import SITE_URL_DEFAULT

from ..models import LtiPlatform
from .keys import demo_platform_key, private_key_decrypt
from .services import lti_platform_register
from .validation import (
    CONTEXT,
    CUSTOM,
    DEEP_LINKING_SETTINGS,
    DEPLOYMENT_ID,
    LAUNCH_PRESENTATION,
    MESSAGE_TYPE,
    RESOURCE_LINK,
    ROLES,
    TARGET_LINK_URI,
    VERSION,
)

CLIENT_ID = "campus-demo"
DEPLOYMENT = "demo-deployment"
PATH = "/lti/demo/platform"
PEOPLE = {
    "demo-learner": ("Learner", "데모 학습자", "Demo Learner"),
    "demo-instructor": ("Instructor", "데모 교수자", "Demo Instructor"),
}


def demo_issuer(base_url: str | None = None) -> str:
    # the demo platform is registered once, so its issuer must not follow the
    # host a request came in on: the configured base URL, or make run's
    return (base_url or settings.SITE_URL or SITE_URL_DEFAULT).rstrip("/") + PATH


def seed_lti(*, base_url: str | None = None) -> LtiPlatform:
    """The demo platform's registration, key and deployment (idempotent)."""
    issuer = demo_issuer(base_url)
    key = demo_platform_key()
    return lti_platform_register(
        issuer=issuer,
        client_id=CLIENT_ID,
        deployment_ids=[DEPLOYMENT],
        auth_url=issuer + "/auth/",
        jwks={"keys": [key.public_jwk]},
        name="Demo University LMS",
    )


def demo_platform() -> LtiPlatform | None:
    return LtiPlatform.objects.filter(client_id=CLIENT_ID, issuer=demo_issuer()).first()


def demo_content():
    """The demo lesson and quiz (Korean pages first)."""
    lesson = LessonPage.objects.live().filter(locale__language_code="ko").first()
    lesson = lesson or LessonPage.objects.live().first()
    quiz = QuizPage.objects.live().filter(locale__language_code="ko").first()
    return lesson, quiz


def demo_id_token(
    *, platform, login_hint: str, message_hint: str, nonce: str, target: str, language
) -> str:
    """What the demo platform's auth endpoint signs for a demo person."""
    role, name_ko, name_en = PEOPLE.get(login_hint, PEOPLE["demo-learner"])
    now = int(time.time())
    claims = {
        "iss": platform.issuer,
        "aud": platform.client_id,
        "sub": login_hint if login_hint in PEOPLE else "demo-learner",
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "name": name_en if language == "en" else name_ko,
        VERSION: "1.3.0",
        DEPLOYMENT_ID: DEPLOYMENT,
        TARGET_LINK_URI: target,
        ROLES: [f"http://purl.imsglobal.org/vocab/lis/v2/membership#{role}"],
        CONTEXT: {"id": "demo-course", "title": "Demo University · Social Economy"},
        LAUNCH_PRESENTATION: {"locale": language, "document_target": "iframe"},
    }
    if message_hint == "deep-link":
        claims[MESSAGE_TYPE] = "LtiDeepLinkingRequest"
        claims[DEEP_LINKING_SETTINGS] = {
            "deep_link_return_url": platform.issuer + "/",
            "accept_types": ["ltiResourceLink"],
            "accept_multiple": True,
        }
    else:
        lesson, quiz = demo_content()
        page = quiz if message_hint == "quiz" else lesson
        claims[MESSAGE_TYPE] = "LtiResourceLinkRequest"
        claims[RESOURCE_LINK] = {
            "id": f"demo-{message_hint}",
            "title": page.title if page else "",
        }
        if page is not None:
            claims[CUSTOM] = {"campus_page": str(page.pk)}
    key = demo_platform_key()
    pem = private_key_decrypt(key.private_key_encrypted)
    return jwt.encode(claims, pem, algorithm="RS256", headers={"kid": key.kid})
