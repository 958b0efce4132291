"""What a launch costs: its queries are pinned, a launch that repeats what
Campus holds writes nothing but the session, and the sign-in is not a password
sign-in (no axes log, no lock-out reset) while keeping login()'s session
protections. Registrations are cached, and a change is seen at once."""

import re

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lms.accounts.models import User
from lms.partners.models import LtiContext, LtiResourceLink

from .lti_platform import LTI

META = b'<meta name="lti-launch" content="ok">'
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"(\w+)"', re.I)
# tests run inside a transaction: each atomic block adds a savepoint and its release
SAVEPOINTS = 4


@pytest.fixture
def bound(platform, lesson, run):
    return {LTI + "custom": {"campus_page": str(lesson.pk)}}


def _launch_captured(client, platform, claims):
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **claims))
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 200 and META in response.content
    return [q["sql"] for q in captured.captured_queries]


def _written(queries) -> set[str]:
    return {m.group(2) for q in queries if (m := WRITE.match(q))}


def test_a_repeated_launch_reads_little_and_writes_only_the_session(
    client, platform, bound
):
    platform.launch(client, **bound)  # the first launch makes the rows
    same_browser = _launch_captured(client, platform, bound)
    # the LTI session and its user, identity, context, link + page, the page's
    # lesson row, the enrolment check, the session write
    assert len(same_browser) == 8 + SAVEPOINTS, same_browser
    assert _written(same_browser) == {"django_session"}
    new_browser = _launch_captured(Client(), platform, bound)
    # no session to read; when the response is saved, a fresh key is checked
    # unused and the row written once
    assert len(new_browser) == 7 + SAVEPOINTS, new_browser
    assert _written(new_browser) == {"django_session"}
    assert sum(q.startswith("INSERT") for q in new_browser) == 1


def test_the_launch_count_does_not_grow_with_other_launches(client, platform, bound):
    for n in range(3):
        platform.launch(Client(), sub=f"other-{n}", **bound)
    platform.launch(client, **bound)
    assert len(_launch_captured(client, platform, bound)) == 8 + SAVEPOINTS


def test_a_changed_claim_is_written(client, platform, bound):
    platform.launch(client, **bound)
    changed = {
        **bound,
        LTI + "context": {"id": "course-101", "title": "Social Economy 102"},
        LTI + "resource_link": {"id": "link-1", "title": "Week 2"},
    }
    queries = _launch_captured(client, platform, changed)
    assert _written(queries) == {
        "django_session",
        "partners_lticontext",
        "partners_ltiresourcelink",
    }
    assert LtiContext.objects.get().title == "Social Economy 102"
    assert LtiResourceLink.objects.get().title == "Week 2"


def test_the_lti_sign_in_is_not_a_password_sign_in(client, platform, bound):
    """No axes access log, and failed password attempts on the address stay
    counted: a launch proves nothing about the password."""
    AccessAttempt.objects.create(
        username="ada@partner.example",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="x",
        path_info="/accounts/login/",
        failures_since_start=3,
    )
    platform.launch(client, **bound)
    assert AccessLog.objects.count() == 0
    assert AccessAttempt.objects.get().failures_since_start == 3
    user = User.objects.get(email="ada@partner.example")
    assert user.last_login is not None
    stamped = user.last_login
    platform.launch(client, **bound)
    user.refresh_from_db()
    assert user.last_login == stamped  # kept to within the hour


def test_an_existing_lti_session_gets_a_new_key_at_sign_in(client, platform, bound):
    """No session fixation, and a new CSRF token, as login() does."""
    planted = SessionStore()
    planted["something"] = 1
    planted.save()
    client.cookies[settings.LTI_SESSION_COOKIE_NAME] = planted.session_key
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert META in response.content
    key = response.cookies[settings.LTI_SESSION_COOKIE_NAME].value
    assert key != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    assert SessionStore(key).get("_auth_user_id") is not None
    assert response.cookies[settings.CSRF_COOKIE_NAME].value not in ("", "a" * 32)


def test_another_users_session_is_emptied_at_sign_in(client, platform, bound):
    platform.launch(client, sub="student-1", **bound)
    first = client.cookies[settings.LTI_SESSION_COOKIE_NAME].value
    platform.launch(client, sub="student-2", **bound)
    second = client.cookies[settings.LTI_SESSION_COOKIE_NAME].value
    assert first != second
    session = SessionStore(second)
    assert session["_auth_user_id"] == str(
        User.objects.get(lti_identities__sub="student-2").pk
    )


def test_a_deactivated_platform_is_refused_at_once(client, platform, bound):
    platform.launch(client, **bound)  # caches the registration
    state, nonce = platform.login(client)
    registration = platform.registration
    registration.is_active = False
    registration.save()
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 401
    response = client.get(
        f"/lti/login/{registration.uuid}/",
        {
            "iss": platform.issuer,
            "login_hint": "student-7",
            "target_link_uri": "https://campus.example/lti/launch/",
        },
    )
    assert response.status_code == 403


def test_a_deleted_deployment_is_refused_at_once(client, platform, bound):
    platform.launch(client, **bound)  # caches the deployment
    state, nonce = platform.login(client)
    platform.registration.deployments.get().delete()
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 403
