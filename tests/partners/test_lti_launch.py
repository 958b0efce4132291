"""Launch validation: the 1EdTech certification list of bad payloads is refused
with a 4xx page and no row written; the valid variants land."""

import time

import pytest
from django.core.cache import cache

from lms.accounts.models import User
from lms.learning.models import Enrollment
from lms.partners.models import LtiContext, LtiIdentity, LtiResourceLink

from .lti_platform import LTI, FakePlatform

META = b'<meta name="lti-launch" content="ok">'


def _rows():
    return (
        User.objects.count(),
        LtiIdentity.objects.count(),
        LtiContext.objects.count(),
        LtiResourceLink.objects.count(),
        Enrollment.objects.count(),
    )


def _refused(client, platform, *, status=None, **claims_or_sign):
    before = _rows()
    response = platform.launch(client, **claims_or_sign)
    assert 400 <= response.status_code < 500, response.status_code
    if status:
        assert response.status_code == status
    assert META not in response.content
    assert _rows() == before, "a refused launch wrote rows"
    return response


@pytest.fixture
def bound(platform, lesson, run):
    """Launch claims whose custom parameter binds the link to `lesson`."""
    return {LTI + "custom": {"campus_page": str(lesson.pk)}}


# --- the certification list: refused ---------------------------------------------


def test_a_token_without_kid_is_refused(client, platform, bound):
    response = _refused(client, platform, sign=lambda c: platform.sign(c, kid=None))
    assert "kid" in response.content.decode()


def test_a_token_with_a_wrong_kid_is_refused_after_one_jwks_refetch(
    client, platform, bound
):
    assert platform.launch(client, **bound).status_code == 200  # the JWKS is cached
    platform.requests.clear()
    _refused(client, platform, status=401, sign=lambda c: platform.sign(c, kid="nope"))
    jwks_calls = [r for r in platform.requests if r[1].endswith("/jwks")]
    assert len(jwks_calls) == 1  # one refetch for the unknown kid
    # a flood of unknown kids does not become a flood of requests to the platform
    _refused(client, platform, status=401, sign=lambda c: platform.sign(c, kid="nah"))
    assert len([r for r in platform.requests if r[1].endswith("/jwks")]) == 1


@pytest.mark.parametrize("version", ["1.2.0", "1.1", None])
def test_a_wrong_or_missing_lti_version_is_refused(client, platform, bound, version):
    _refused(client, platform, status=400, **{LTI + "version": version}, **bound)


def test_a_token_that_is_not_an_lti_message_is_refused(client, platform):
    state, nonce = platform.login(client)
    now = int(time.time())
    token = platform.sign(
        {
            "iss": platform.issuer,
            "aud": platform.client_id,
            "sub": "x",
            "iat": now,
            "exp": now + 60,
            "nonce": nonce,
        }
    )
    before = _rows()
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 400
    assert _rows() == before


@pytest.mark.parametrize(
    "missing",
    ["message_type", "roles", "deployment_id", "resource_link", "sub"],
)
def test_a_missing_required_claim_is_refused(client, platform, bound, missing):
    claim = missing if missing == "sub" else LTI + missing
    _refused(client, platform, status=400, **{claim: None}, **bound)


def test_a_resource_link_without_id_is_refused(client, platform, bound):
    _refused(client, platform, status=400, **{LTI + "resource_link": {"title": "x"}})


def test_an_unknown_message_type_is_refused(client, platform, bound):
    _refused(client, platform, status=400, **{LTI + "message_type": "LtiFooRequest"})


@pytest.mark.parametrize(
    "times",
    [
        {"exp": -600, "iat": -900},  # expired
        {"iat": 3600, "exp": 3900},  # issued in the future
        {"iat": -7200, "exp": 3600},  # issued too long ago
        {"exp": "soon"},  # not a number
    ],
)
def test_bad_timestamps_are_refused(client, platform, bound, times):
    now = int(time.time())
    values = {k: now + v if isinstance(v, int) else v for k, v in times.items()}
    _refused(client, platform, **values, **bound)


def test_an_unknown_deployment_is_refused_and_writes_no_row(client, platform, bound):
    response = _refused(
        client, platform, status=403, **{LTI + "deployment_id": "not-ours"}, **bound
    )
    assert b"lti_unknown_deployment" in response.content


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "another-tool"},
        {"iss": "https://evil.example"},
        {"aud": ["campus-1", "another-tool"]},  # several audiences and no azp
        {"aud": ["campus-1", "another-tool"], "azp": "another-tool"},
        {"azp": "another-tool"},
    ],
)
def test_a_token_for_another_tool_or_from_another_issuer_is_refused(
    client, platform, bound, claims
):
    _refused(client, platform, **claims, **bound)


def test_a_token_signed_by_another_key_under_a_known_kid_is_refused(
    client, platform, bound
):
    from cryptography.hazmat.primitives.asymmetric import rsa

    forged = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _refused(client, platform, status=401, sign=lambda c: platform.sign(c, key=forged))


def test_an_unsigned_or_hmac_token_is_refused(client, platform, bound):
    import jwt

    state, nonce = platform.login(client)
    claims = platform.claims(nonce=nonce, **bound)
    for token in (
        jwt.encode(claims, None, algorithm="none", headers={"kid": "x"}),
        jwt.encode(claims, "secret" * 6, algorithm="HS256", headers={"kid": "x"}),
    ):
        response = client.post("/lti/launch/", {"id_token": token, "state": state})
        assert response.status_code == 400
    assert LtiIdentity.objects.count() == 0


def test_a_nonce_that_does_not_answer_the_login_is_refused(client, platform, bound):
    state, _nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce="someone-elses", **bound))
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 401
    assert LtiIdentity.objects.count() == 0


def test_an_unknown_state_is_refused(client, platform, bound):
    _state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    response = client.post("/lti/launch/", {"id_token": token, "state": "forged"})
    assert response.status_code == 401


def test_a_replayed_id_token_is_refused(client, platform, bound):
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    entry = cache.get("lti:state:" + state)
    assert (
        client.post("/lti/launch/", {"id_token": token, "state": state}).status_code
        == 200
    )
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 401
    # even if another worker still held the login state, the nonce is spent
    cache.set("lti:state:" + state, entry, 600)
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 401
    assert b"lti_replay" in response.content
    assert LtiIdentity.objects.count() == 1


def test_a_launch_without_the_state_cookie_offers_a_new_window(client, platform, bound):
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    client.cookies.clear()
    before = _rows()
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert response.status_code == 401
    assert _rows() == before
    body = response.content.decode()
    assert 'target="_blank"' in body
    assert f"/lti/login/{platform.registration.uuid}/?iss=" in body


def test_a_refusal_speaks_the_browsers_language(client, platform, bound):
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **{LTI + "version": "1.1"}))
    korean = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert "LTI 1.3.0" in korean.content.decode()
    assert 'lang="ko"' in korean.content.decode()
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce, **{LTI + "version": "1.1"}))
    english = client.post(
        "/lti/launch/",
        {"id_token": token, "state": state},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert 'lang="en"' in english.content.decode()
    assert "Campus speaks LTI 1.3.0" in english.content.decode()


def test_an_unregistered_platform_cannot_start_a_login(client, platform):
    response = client.get(
        "/lti/login/",
        {
            "iss": "https://unknown.example",
            "login_hint": "x",
            "target_link_uri": "https://a/",
        },
    )
    assert response.status_code == 403


def test_a_platform_key_rotation_is_followed_by_a_jwks_refetch(client, platform, bound):
    assert platform.launch(client, **bound).status_code == 200
    platform.rotate()
    cache.delete(f"lti:jwks-refetch:{platform.registration.pk}")
    response = platform.launch(client, **bound)
    assert response.status_code == 200


# --- valid variants: accepted ----------------------------------------------------


def _landed(response):
    assert response.status_code == 200, response.content[:2000]
    assert META in response.content
    return response


def test_a_learner_launch_provisions_enrols_and_lands_on_the_lesson(
    client, platform, bound, lesson, run
):
    response = _landed(platform.launch(client, **bound))
    assert lesson.title in response.content.decode()
    identity = LtiIdentity.objects.get()
    assert (identity.issuer, identity.sub) == (platform.issuer, "student-7")
    assert identity.user.email == "ada@partner.example"
    link = LtiResourceLink.objects.get()
    assert link.page_id == lesson.pk
    assert link.context.run == run
    enrollment = Enrollment.objects.get(learner=identity.user)
    assert (enrollment.run, enrollment.status, enrollment.source) == (
        run,
        "active",
        "lti",
    )
    # iframes: framed by registered platforms only, the session cookie apart
    policy = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert policy["frame-ancestors"] == ["'self'", platform.issuer]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "X-Frame-Options" not in response
    cookie = response.cookies["campus_lti_session"]
    assert (
        cookie["samesite"] == "None" and cookie["secure"] and cookie["path"] == "/lti/"
    )
    assert "sessionid" not in response.cookies


def test_a_second_launch_links_the_same_user(client, platform, bound):
    platform.launch(client, **bound)
    platform.launch(client, **bound)
    assert LtiIdentity.objects.count() == 1
    assert User.objects.filter(lti_identities__isnull=False).count() == 1


def test_a_user_is_never_linked_by_email_alone(client, platform, bound):
    from ..factories import UserFactory

    owner = UserFactory(email="ada@partner.example")
    _landed(platform.launch(client, **bound))
    identity = LtiIdentity.objects.get()
    assert identity.user != owner
    assert identity.user.email.endswith("@lti.invalid")


def test_login_initiation_by_post(client, platform, bound):
    state, nonce = platform.login(client, method="post")
    token = platform.sign(platform.claims(nonce=nonce, **bound))
    _landed(client.post("/lti/launch/", {"id_token": token, "state": state}))


@pytest.mark.parametrize(
    ("roles", "enrolled"),
    [
        (["Instructor"], False),  # a short role name
        (["Learner"], True),
        (["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"], False),
        (
            [
                "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
            ],
            False,
        ),
        (["http://example.com/roles#Wizard"], True),  # unknown: ignored
        ([], True),  # no role: a learner
    ],
)
def test_roles_are_mapped(client, platform, bound, roles, enrolled):
    _landed(platform.launch(client, **{LTI + "roles": roles}, **bound))
    assert Enrollment.objects.exists() is enrolled


@pytest.mark.parametrize(
    "personal",
    [
        {"name": None},  # e-mail only
        {"email": None, "given_name": "Ada", "family_name": "Lovelace"},  # names only
        {"email": None, "name": None},  # no personal data
    ],
)
def test_launches_with_little_or_no_personal_data_land(
    client, platform, bound, personal
):
    _landed(platform.launch(client, **personal, **bound))
    user = LtiIdentity.objects.get().user
    if personal.get("email", "") is None:
        assert user.email.endswith("@lti.invalid")
    if "given_name" in personal:
        assert user.name_en == "Ada Lovelace"


def test_a_launch_without_context_lands_without_enrolment(client, platform, bound):
    _landed(platform.launch(client, **{LTI + "context": None}, **bound))
    assert not Enrollment.objects.exists()
    assert LtiContext.objects.count() == 0


def test_the_landing_page_speaks_the_launch_locale(client, platform, bound):
    english = _landed(platform.launch(client, **bound))
    assert 'lang="en"' in english.content.decode()
    korean = _landed(
        platform.launch(
            client, **{LTI + "launch_presentation": {"locale": "ko-KR"}}, **bound
        )
    )
    assert 'lang="ko"' in korean.content.decode()


def test_a_second_platform_with_the_same_sub_is_another_user(client, platform, bound):
    from lms.partners.lti import http

    other = FakePlatform(issuer="https://other.example", client_id="c2")
    other.register()
    http.transport.fetch = lambda url, **kw: (
        other if url.startswith(other.issuer) else platform
    ).fetch(url, **kw)
    platform.launch(client, **bound)
    other.launch(client, **bound)
    assert LtiIdentity.objects.count() == 2
    assert User.objects.filter(lti_identities__isnull=False).distinct().count() == 2


def test_two_first_launches_at_once_make_one_user(
    postgresql, django_db_serialized_rollback, transactional_db
):
    from lms.partners.lti.services import lti_user_provision

    from ..concurrency import in_parallel

    fake = FakePlatform()
    registration = fake.register(jwks=fake.jwks())
    claims = {"sub": "twin", "name": "Twin"}
    results, errors = in_parallel(
        lambda _n: lti_user_provision(platform=registration, claims=claims).pk,
        range(4),
    )
    assert errors == []
    assert len(set(results)) == 1
    assert LtiIdentity.objects.count() == 1
