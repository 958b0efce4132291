"""Deep linking, grades (AGS) and rosters (NRPS) against the fake platform,
our keys and their rotation, the registration command, binding."""

import json
import re
from datetime import timedelta
from io import StringIO

import jwt
import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.learning.models import Enrollment
from lms.partners.lti import keys
from lms.partners.models import (
    LtiContext,
    LtiLineItem,
    LtiPlatform,
    LtiResourceLink,
    LtiToolKey,
)

from .lti_platform import LTI

AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
META = b'<meta name="lti-launch" content="ok">'


def _tool_claims(token):
    jwks = {k["kid"]: k for k in keys.tool_jwks()["keys"]}
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.decode(
        token, jwt.PyJWK(jwks[kid]), algorithms=["RS256"], options={"verify_aud": False}
    )


# --- our keys ---------------------------------------------------------------------


def test_the_jwks_endpoint_publishes_the_signing_key(client, db):
    key = keys.tool_key_current()
    response = client.get("/lti/jwks/")
    assert response.status_code == 200
    published = response.json()["keys"]
    assert [k["kid"] for k in published] == [key.kid]
    assert set(published[0]) >= {"kty", "n", "e", "kid", "alg", "use"}
    assert "d" not in published[0]  # no private part


def test_rotation_keeps_the_old_key_published_for_the_overlap(client, db, settings):
    settings.LTI_KEY_OVERLAP_DAYS = 7
    old = keys.tool_key_current()
    signed_before = keys.tool_jwt_sign({"iss": "campus"})
    new = keys.tool_key_rotate()
    assert keys.tool_key_current() == new
    kids = [k["kid"] for k in client.get("/lti/jwks/").json()["keys"]]
    assert kids == [new.kid, old.kid]
    assert _tool_claims(signed_before)["iss"] == "campus"  # still checkable
    assert jwt.get_unverified_header(keys.tool_jwt_sign({}))["kid"] == new.kid
    # after the overlap the old key is gone, from the JWKS and the table
    later = timezone.now() + timedelta(days=8)
    keys.tool_key_rotate(now=later)
    assert not LtiToolKey.objects.filter(pk=old.pk).exists()
    assert old.kid not in [k["kid"] for k in keys.tool_jwks()["keys"]]


def test_the_rotation_command_and_beat_schedule(db):
    from django_celery_beat.models import PeriodicTask

    out = StringIO()
    call_command("lti_key_rotate", stdout=out)
    assert LtiToolKey.objects.get(is_current=True).kid in out.getvalue()
    # the data migration's schedule (run again: other tests' flushes empty it)
    from importlib import import_module

    from django.apps import apps

    import_module("lms.partners.migrations.0003_lti_schedules").schedule_create(
        apps, None
    )
    assert PeriodicTask.objects.get(task="lms.partners.lti.tasks.lti_tool_key_rotate")


def test_private_keys_are_encrypted_at_rest_with_the_environment_key(db, settings):
    key = keys.tool_key_current()
    assert "PRIVATE KEY" not in key.private_key_encrypted
    assert b"PRIVATE KEY" in keys.private_key_decrypt(key.private_key_encrypted)
    settings.LTI_KEY_ENCRYPTION_KEY = "another key from the environment"
    with pytest.raises(keys.ToolKeyError):
        keys.private_key_decrypt(key.private_key_encrypted)


# --- the registration command ----------------------------------------------------


def test_the_register_command_prints_the_tool_urls_as_its_last_line(db):
    out = StringIO()
    args = [
        "--issuer=https://moodle.partner.example",
        "--client-id=abc",
        "--deployment-id=1",
        "--jwks-url=https://moodle.partner.example/mod/lti/certs.php",
        "--auth-url=https://moodle.partner.example/mod/lti/auth.php",
        "--token-url=https://moodle.partner.example/mod/lti/token.php",
        "--base-url=https://campus.example.org/",
    ]
    call_command("lti_platform_register", *args, stdout=out)
    platform = LtiPlatform.objects.get()
    urls = json.loads(out.getvalue().strip().splitlines()[-1])
    assert urls == {
        "login_url": f"https://campus.example.org/lti/login/{platform.uuid}/",
        "launch_url": "https://campus.example.org/lti/launch/",
        "jwks_url": "https://campus.example.org/lti/jwks/",
        "deep_link_url": "https://campus.example.org/lti/launch/",
    }
    # again, with a second deployment: the same registration, updated
    call_command("lti_platform_register", *args, "--deployment-id=2", stdout=StringIO())
    assert LtiPlatform.objects.count() == 1
    assert sorted(platform.deployments.values_list("deployment_id", flat=True)) == [
        "1",
        "2",
    ]


# --- binding an unbound link -----------------------------------------------------


def test_an_unbound_link_lets_an_instructor_bind_it(client, platform, lesson, run):
    response = platform.launch(client, **{LTI + "roles": ["Instructor"]})
    assert response.status_code == 200 and META in response.content
    link = LtiResourceLink.objects.get()
    assert link.page is None
    token = re.search(rb'name="token" value="([^"]+)"', response.content).group(1)
    bound = client.post(
        f"/lti/resource/{link.pk}/bind/", {"page": lesson.pk, "token": token.decode()}
    )
    assert bound.status_code == 302
    link.refresh_from_db()
    assert link.page_id == lesson.pk
    assert link.context.run == run
    landing = client.get(f"/lti/resource/{link.pk}/")
    assert META in landing.content and lesson.title in landing.content.decode()


def test_a_learner_cannot_bind_a_link(client, platform, lesson):
    response = platform.launch(client)
    assert META in response.content
    assert b'name="page"' not in response.content
    link = LtiResourceLink.objects.get()
    refused = client.post(f"/lti/resource/{link.pk}/bind/", {"page": lesson.pk})
    assert refused.status_code == 403
    link.refresh_from_db()
    assert link.page is None


def test_a_landing_page_is_only_for_the_launched_session(
    client, platform, lesson, django_assert_num_queries
):
    from django.test import Client

    platform.launch(client, **{LTI + "custom": {"campus_page": str(lesson.pk)}})
    link = LtiResourceLink.objects.get()
    # the launched user: session, user, link with its page, the lesson
    with django_assert_num_queries(4):
        assert client.get(f"/lti/resource/{link.pk}/").status_code == 200
    assert Client().get(f"/lti/resource/{link.pk}/").status_code == 403  # anonymous
    # another learner, launched into another link, cannot open this one
    other = Client()
    platform.launch(
        other,
        sub="student-8",
        **{LTI + "resource_link": {"id": "link-2"}},
    )
    assert other.get(f"/lti/resource/{link.pk}/").status_code == 403


def test_a_course_landing_lists_its_outline_and_pages_inside_it(
    client, platform, course, lesson, catalog
):
    from ..factories import course_tree_create

    platform.launch(client, **{LTI + "custom": {"campus_page": str(course.pk)}})
    link = LtiResourceLink.objects.get()
    landing = client.get(f"/lti/resource/{link.pk}/")
    assert META in landing.content and lesson.title in landing.content.decode()
    inner = client.get(f"/lti/resource/{link.pk}/page/{lesson.pk}/")
    assert inner.status_code == 200 and META in inner.content
    elsewhere = course_tree_create(index=catalog)
    assert (
        client.get(f"/lti/resource/{link.pk}/page/{elsewhere.pk}/").status_code == 404
    )


# --- deep linking ----------------------------------------------------------------


def test_deep_linking_round_trip(client, platform, course, lesson, quiz, run):
    state, nonce = platform.login(client)
    claims = platform.claims(
        nonce=nonce,
        message_type="LtiDeepLinkingRequest",
        **{LTI + "roles": ["Instructor"], LTI + "resource_link": None},
    )
    response = client.post(
        "/lti/launch/", {"id_token": platform.sign(claims), "state": state}
    )
    assert response.status_code == 302
    picker_url = response["Location"]
    picker = client.get(picker_url)
    assert picker.status_code == 200 and META in picker.content
    assert quiz.title in picker.content.decode()
    # search and filters
    assert (
        quiz.title
        not in client.get(picker_url, {"kind": "lessonpage"}).content.decode()
    )
    found = client.get(picker_url, {"q": quiz.title[:4]}).content.decode()
    assert quiz.title in found and course.title not in found
    token = (
        re.search(rb'name="token" value="([^"]+)"', picker.content).group(1).decode()
    )
    answer = client.post(picker_url, {"page": [lesson.pk, quiz.pk], "token": token})
    assert answer.status_code == 200
    body = answer.content.decode()
    assert f'action="{platform.issuer}/deep_link_return"' in body
    signed = re.search(r'name="JWT" value="([^"]+)"', body).group(1)
    dl = _tool_claims(signed)
    assert dl["iss"] == platform.client_id and dl["aud"] == platform.issuer
    assert dl[LTI + "message_type"] == "LtiDeepLinkingResponse"
    assert dl[LTI + "deployment_id"] == platform.deployment_id
    assert dl["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "opaque-42"
    items = dl["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert [i["custom"]["campus_page"] for i in items] == [str(lesson.pk), str(quiz.pk)]
    assert "lineItem" not in items[0]
    assert items[1]["lineItem"]["resourceId"] == f"campus-page-{quiz.pk}"
    # the platform places the quiz, with the line item it made, and launches it
    learner = platform.launch(
        client,
        **{
            LTI + "custom": items[1]["custom"],
            LTI + "resource_link": {"id": "placed-quiz"},
            AGS: {
                "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
                "lineitems": platform.issuer + "/lineitems",
                "lineitem": platform.issuer + "/lineitems/9",
            },
        },
    )
    assert META in learner.content and quiz.title in learner.content.decode()
    line_item = LtiLineItem.objects.get()
    assert (line_item.page_id, line_item.url) == (
        quiz.pk,
        platform.issuer + "/lineitems/9",
    )


def test_a_learner_cannot_open_the_picker(client, platform):
    state, nonce = platform.login(client)
    claims = platform.claims(nonce=nonce, message_type="LtiDeepLinkingRequest")
    response = client.post(
        "/lti/launch/", {"id_token": platform.sign(claims), "state": state}
    )
    assert client.get(response["Location"]).status_code == 403


# --- grades ----------------------------------------------------------------------


@pytest.fixture
def ags_claim(platform):
    return {
        AGS: {
            "scope": [
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            ],
            "lineitems": platform.issuer + "/lineitems",
        }
    }


def test_quiz_scores_reach_the_platform_with_retries_after_503(
    client,
    platform,
    quiz,
    run,
    ags_claim,
    django_capture_on_commit_callbacks,
    eager_retries,
):
    from lms.learning.services import quiz_attempt_start, quiz_attempt_submit

    platform.fail = {"/lineitems": [503], "/token": [503]}
    with django_capture_on_commit_callbacks(execute=True):
        landing = platform.launch(
            client, **{LTI + "custom": {"campus_page": str(quiz.pk)}}, **ags_claim
        )
    assert META in landing.content
    line_item = LtiLineItem.objects.get()
    made = platform.line_items[line_item.url]
    assert made["resourceId"] == f"campus-page-{quiz.pk}"
    assert made["resourceLinkId"] == "link-1"
    learner = LtiResourceLink.objects.get().platform.identities.get().user
    platform.fail = {"/lineitems/1/scores": [503, 502]}
    with django_capture_on_commit_callbacks(execute=True):
        attempt = quiz_attempt_start(learner=learner, quiz=quiz)
        answers = {str(quiz.question.pk): str(quiz.right_option.pk)}
        quiz_attempt_submit(attempt=attempt, answers=answers, learner=learner)
    assert len(platform.scores) == 1
    score = platform.scores[0]
    assert score["lineitem"] == line_item.url
    assert score["userId"] == "student-7"
    assert score["activityProgress"] == "Completed"
    assert score["gradingProgress"] == "FullyGraded"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (100.0, 100.0)
    # one token for all of it: cached until it expires
    assert platform.tokens_issued == 2  # line item scope, then score scope


def test_course_completion_sends_the_course_score(
    client, platform, course, run, ags_claim, django_capture_on_commit_callbacks
):
    from lms.learning.signals import enrollment_completed

    claim = {**ags_claim[AGS], "lineitem": platform.issuer + "/lineitems/5"}
    platform.launch(
        client, **{LTI + "custom": {"campus_page": str(course.pk)}, AGS: claim}
    )
    enrollment = Enrollment.objects.get()
    enrollment.final_grade = 87
    enrollment_completed.send(sender=Enrollment, enrollment=enrollment)
    assert platform.scores == [
        {
            "lineitem": platform.issuer + "/lineitems/5",
            "userId": "student-7",
            "scoreGiven": 87.0,
            "scoreMaximum": 100.0,
            "activityProgress": "Completed",
            "gradingProgress": "FullyGraded",
            "timestamp": platform.scores[0]["timestamp"],
        }
    ]


def test_a_score_for_a_learner_from_another_platform_is_not_sent(platform, db):
    from lms.partners.lti import ags

    from ..factories import UserFactory

    line_item = LtiLineItem(context=LtiContext(platform=platform.registration))
    sent = ags.score_publish(
        line_item=line_item,
        user_id=UserFactory().pk,
        score_given=1,
        score_maximum=1,
        activity_progress="Completed",
        grading_progress="FullyGraded",
    )
    assert sent is False and platform.scores == []


# --- rosters ---------------------------------------------------------------------


def _member(n, *, roles=("Learner",), status="Active"):
    return {
        "user_id": f"m{n}",
        "name": f"Member {n}",
        "roles": [
            f"http://purl.imsglobal.org/vocab/lis/v2/membership#{r}" for r in roles
        ],
        "status": status,
    }


def test_roster_sync_pages_by_link_headers_adds_and_removes(
    client, platform, lesson, run, django_capture_on_commit_callbacks, eager_retries
):
    from lms.partners.lti.tasks import lti_roster_sync

    platform.members = [
        _member(1),
        _member(2),
        _member(3),
        _member(4, roles=("Instructor",)),
        _member(5, status="Inactive"),
    ]
    platform.fail = {"/members": [503]}
    nrps = {NRPS: {"context_memberships_url": platform.issuer + "/members"}}
    with django_capture_on_commit_callbacks(execute=True):
        platform.launch(
            client,
            sub="m4",
            **{
                LTI + "roles": ["Instructor"],
                LTI + "custom": {"campus_page": str(lesson.pk)},
            },
            **nrps,
        )
    member_calls = [r for r in platform.requests if "/members" in r[1]]
    assert len(member_calls) == 4  # a 503, then three pages of two
    enrolled = set(
        Enrollment.objects.filter(run=run, status="active").values_list(
            "learner__lti_identities__sub", flat=True
        )
    )
    assert enrolled == {"m1", "m2", "m3"}
    platform.members = [_member(1), _member(3)]
    result = lti_roster_sync.delay(LtiContext.objects.get().pk).get()
    assert result == {"added": 0, "removed": 1}
    withdrawn = Enrollment.objects.get(learner__lti_identities__sub="m2")
    assert withdrawn.status == "withdrawn"
