"""Dynamic registration, the demo platform and the demo seed."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from lms.partners.lti import http
from lms.partners.models import LtiIdentity, LtiPlatform, PartnerInstitution

from .lti_platform import FakePlatform

META = b'<meta name="lti-launch" content="ok">'


@pytest.fixture
def moodle(db):
    fake = FakePlatform(issuer="https://moodle.partner.example")
    http.transport.fetch = fake.fetch
    yield fake
    http.transport.fetch = None


def _registration_path(**options):
    out = StringIO()
    call_command(
        "lti_registration_url", "--base-url=http://testserver", stdout=out, **options
    )
    return out.getvalue().strip().removeprefix("http://testserver")


def test_dynamic_registration_registers_campus_with_the_platform(client, moodle):
    institution = PartnerInstitution.objects.create(
        slug="jbnu", name_ko="전북대학교", name_en="Jeonbuk National University"
    )
    path = _registration_path(institution="jbnu")
    query = {
        "openid_configuration": moodle.issuer + "/.well-known/openid-configuration",
        "registration_token": "reg-token",
    }
    confirm = client.get(path, query)
    assert confirm.status_code == 200
    assert LtiPlatform.objects.count() == 0  # nothing before the staff confirms
    done = client.post(path, query)
    assert done.status_code == 200
    assert b"org.imsglobal.lti.close" in done.content
    platform = LtiPlatform.objects.get()
    assert (platform.issuer, platform.client_id) == (moodle.issuer, "dyn-client-9")
    assert platform.institution == institution
    assert platform.jwks_url == moodle.issuer + "/jwks"
    assert list(platform.deployments.values_list("deployment_id", flat=True)) == [
        "dyn-deployment-1"
    ]
    sent = moodle.registered
    assert sent["initiate_login_uri"] == f"http://testserver/lti/login/{platform.uuid}/"
    assert sent["redirect_uris"] == ["http://testserver/lti/launch/"]
    assert sent["jwks_uri"] == "http://testserver/lti/jwks/"
    messages = sent["https://purl.imsglobal.org/spec/lti-tool-configuration"][
        "messages"
    ]
    assert {m["type"] for m in messages} == {
        "LtiResourceLinkRequest",
        "LtiDeepLinkingRequest",
    }
    # and the new registration launches
    moodle.client_id = "dyn-client-9"
    moodle.deployment_id = "dyn-deployment-1"
    state, _nonce = moodle.login(client, path=f"/lti/login/{platform.uuid}/")
    assert state


def test_a_forged_registration_link_is_refused(client, moodle):
    response = client.get(
        "/lti/register/forged/",
        {"openid_configuration": moodle.issuer + "/.well-known/openid-configuration"},
    )
    assert response.status_code == 403
    assert LtiPlatform.objects.count() == 0


def test_a_configuration_from_another_host_is_refused(client, moodle):
    path = _registration_path()
    response = client.post(
        path,
        {
            "openid_configuration": "https://evil.example/.well-known/openid-configuration",
            "registration_token": "reg-token",
        },
    )
    assert 400 <= response.status_code < 500
    assert LtiPlatform.objects.count() == 0


# --- the demo platform -----------------------------------------------------------


@pytest.fixture
def demo(db, settings):
    from lms.partners.lti.demo import seed_lti

    from ..factories import CourseRunFactory, catalog_create, course_tree_create

    settings.LTI_DEMO_PLATFORM = True
    settings.SITE_URL = "http://localhost:8000"
    course = course_tree_create(index=catalog_create())
    CourseRunFactory(course=course)
    return seed_lti()


def test_the_demo_seed_is_idempotent(demo):
    from lms.partners.lti.demo import seed_lti

    seed_lti()
    assert LtiPlatform.objects.count() == 1
    assert demo.deployments.count() == 1


def test_the_demo_platform_launches_the_demo_lesson(client, demo):
    from courses.models import LessonPage

    page = client.get("/lti/demo/platform/")
    assert page.status_code == 200
    src = re.search(r'<iframe src="([^"]+)"', page.content.decode()).group(1)
    src = src.replace("&amp;", "&")
    login = client.get(src)
    assert login.status_code == 302
    auth = client.get(login["Location"])
    assert auth.status_code == 200
    body = auth.content.decode()
    form = dict(re.findall(r'name="(id_token|state)" value="([^"]+)"', body))
    landed = client.post("/lti/launch/", form)
    assert landed.status_code == 200 and META in landed.content
    lesson = LessonPage.objects.live().first()
    assert lesson.title in landed.content.decode()
    assert LtiIdentity.objects.get().sub == "demo-learner"


def test_the_demo_platform_is_off_unless_enabled(client, demo, settings):
    settings.LTI_DEMO_PLATFORM = False
    assert client.get("/lti/demo/platform/").status_code == 404
    assert client.get("/lti/demo/platform/auth/").status_code == 404
