"""Assignment grades go back to the platform through Assignment and Grade
Services: when an instructor grades the submission of a learner who came
through a launch, by Celery after the commit, retried after a 503."""

import datetime
import json

import pytest
from django.utils import translation

from lms.partners.models import LtiLineItem

from ..factories import UserFactory, instructor_create
from .lti_platform import LTI

AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
META = b'<meta name="lti-launch" content="ok">'
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"


@pytest.fixture
def assignment(course):
    from courses.models import AssignmentPage, CourseModulePage

    module = CourseModulePage.objects.child_of(course).first()
    page = AssignmentPage(
        title="사업계획서 제출",
        slug="business-plan",
        instructions=[("paragraph", "<p>사업계획서를 제출하세요.</p>")],
        grade_category="assignment",
        max_points=20,
    )
    module.add_child(instance=page)
    return AssignmentPage.objects.get(pk=page.pk)


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


def _launched_learner(client, platform, assignment, ags_claim, capture):
    with capture(execute=True), translation.override("en"):
        landing = platform.launch(
            client,
            **{LTI + "custom": {"campus_page": str(assignment.pk)}},
            **ags_claim,
        )
    assert META in landing.content
    line_item = LtiLineItem.objects.get()
    return landing, line_item, line_item.context.platform.identities.get().user


def test_a_graded_assignment_sends_its_score_to_the_platform(
    client,
    platform,
    assignment,
    run,
    ags_claim,
    django_capture_on_commit_callbacks,
    eager_retries,
):
    from lms.learning.services import submission_create, submission_grade

    landing, line_item, learner = _launched_learner(
        client, platform, assignment, ags_claim, django_capture_on_commit_callbacks
    )
    page = landing.content.decode()
    assert "Open the assignment in a new window" in page
    assert "/lti/handoff/" in page
    made = platform.line_items[line_item.url]
    assert made["resourceId"] == f"campus-page-{assignment.pk}"
    assert made["resourceLinkId"] == "link-1"

    submission = submission_create(
        learner=learner, assignment=assignment, text="우리 협동조합의 계획"
    )
    assert platform.scores == []  # handed in, not graded: nothing yet
    instructor = instructor_create(courses=[assignment.course])
    platform.fail = {"/lineitems/1/scores": [503]}
    platform.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission_grade(submission=submission, grader=instructor, score="15")

    assert len(platform.scores) == 1
    score = platform.scores[0]
    assert score["lineitem"] == line_item.url
    assert (score["userId"], score["scoreGiven"], score["scoreMaximum"]) == (
        "student-7",
        15.0,
        20.0,
    )
    assert score["activityProgress"] == "Completed"
    assert score["gradingProgress"] == "FullyGraded"
    assert datetime.datetime.fromisoformat(score["timestamp"]).tzinfo is not None
    # the score went with a bearer token that the platform issued against
    # Campus's signed client assertion (the fake checks the signature)
    posts = [r for r in platform.requests if r[1].endswith("/scores")]
    assert len(posts) == 2  # the 503, then the retry
    method, _url, headers, body = posts[-1]
    assert method == "POST" and headers["Content-Type"] == SCORE_TYPE
    assert headers["Authorization"].startswith("Bearer at-")
    assert json.loads(body)["scoreGiven"] == 15.0


def test_a_regrade_sends_the_new_score(
    client,
    platform,
    assignment,
    run,
    ags_claim,
    django_capture_on_commit_callbacks,
):
    from lms.learning.services import submission_create, submission_grade

    _landing, _line_item, learner = _launched_learner(
        client, platform, assignment, ags_claim, django_capture_on_commit_callbacks
    )
    submission = submission_create(learner=learner, assignment=assignment, text="v1")
    instructor = instructor_create(courses=[assignment.course])
    with django_capture_on_commit_callbacks(execute=True):
        submission_grade(submission=submission, grader=instructor, score="12")
    with django_capture_on_commit_callbacks(execute=True):
        submission_grade(submission=submission, grader=instructor, score="18.5")
    assert [s["scoreGiven"] for s in platform.scores] == [12.0, 18.5]


def test_a_learner_who_did_not_come_from_the_platform_sends_nothing(
    client,
    platform,
    assignment,
    run,
    ags_claim,
    django_capture_on_commit_callbacks,
):
    from lms.learning.services import (
        enrollment_create,
        submission_create,
        submission_grade,
    )

    _launched_learner(
        client, platform, assignment, ags_claim, django_capture_on_commit_callbacks
    )
    local = UserFactory()
    enrollment_create(learner=local, run=run)
    submission = submission_create(learner=local, assignment=assignment, text="mine")
    instructor = instructor_create(courses=[assignment.course])
    with django_capture_on_commit_callbacks(execute=True):
        submission_grade(submission=submission, grader=instructor, score="10")
    assert platform.scores == []
