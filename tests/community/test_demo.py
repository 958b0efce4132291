"""The community demo: seeded twice, it duplicates nothing and shows every
feature (cohorts, forums, groups, mentoring, peer review, notifications).
"""

import pytest
from django.core import mail

from lms.community import models

pytestmark = pytest.mark.django_db

COURSE = "social-enterprise-startup-basics"

MODELS = [
    models.Cohort,
    models.CohortMembership,
    models.LessonCohortRestriction,
    models.Forum,
    models.Thread,
    models.Post,
    models.StudyGroup,
    models.StudyGroupMembership,
    models.StudyGroupInvitation,
    models.StudyGroupMeeting,
    models.MentorProfile,
    models.MentoringSlot,
    models.MentoringBooking,
    models.PeerReviewSettings,
    models.PeerReview,
    models.Notification,
]


@pytest.fixture
def demo(monkeypatch, settings):
    """The demo site, people and the one course the community demo lives in."""
    from lms.settings import base

    settings.RATE_LIMITS = base.RATE_LIMITS  # the real limits, not the tests'
    from wagtail.models import Locale

    from cms.demo import seed_site
    from cms.roles import roles_permissions_grant
    from courses import demo as courses_demo
    from courses.demo import seed_categories, seed_courses
    from lms.accounts.demo import seed_people
    from lms.learning import demo as learning_demo
    from lms.learning.demo import seed_learning

    monkeypatch.setattr(
        courses_demo,
        "COURSES",
        [c for c in courses_demo.COURSES if c["slug"] == COURSE],
    )
    monkeypatch.setattr(learning_demo, "RUNS", {COURSE: learning_demo.RUNS[COURSE]})
    home = seed_site()
    people = seed_people()
    roles_permissions_grant()
    courses = seed_courses(
        home_ko=home,
        home_en=home.get_translation(Locale.objects.get(language_code="en")),
        people=people,
        categories=seed_categories(),
    )
    seed_learning(courses=courses, people=people)
    return {"courses": courses, "people": people}


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seeding_twice_duplicates_nothing_and_covers_every_feature(demo):
    from lms.community.demo import seed_community

    seed_community(**demo)
    first = _counts()
    assert all(first.values()), first
    seed_community(**demo)
    assert _counts() == first
    # the answer of the demo question is endorsed and accepted, with a mention
    question = models.Thread.objects.get(kind="question", forum__scope="run")
    assert question.accepted_post.endorsed_by.email == "instructor@campus.example"
    assert 'class="mention"' in question.accepted_post.body_html
    # cohorts by region, one lesson for the Jeonbuk cohort
    assert set(models.Cohort.objects.values_list("auto_key", flat=True)) == {
        "region:jeonbuk",
        "region:jeonnam",
    }
    # learner@ was told by e-mail right away (their demo preference)
    assert any("learner@campus.example" in m.to for m in mail.outbox)
    assert models.PeerReview.objects.filter(status="submitted").count() == 1
