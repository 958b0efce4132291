"""Cohorts: made by hand, filled automatically (round-robin, by organization,
by region), assigned on enrolment, and lessons only a cohort may open.
"""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from lms.accounts.models import Region
from lms.community.models import (
    Cohort,
    CohortMembership,
    LessonCohortRestriction,
    RunCohortSettings,
)
from lms.community.services import (
    CommunityError,
    CommunityForbidden,
    cohort_create,
    cohort_member_set,
    cohorts_fill,
)
from lms.learning.services import enrollment_create

from ..factories import EnrollmentFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _learners(run, count, **user_fields):
    return [
        EnrollmentFactory(run=run, learner=UserFactory(**user_fields)).learner
        for _ in range(count)
    ]


def test_a_cohort_by_hand_needs_a_name_unique_in_the_run(run, instructor, learner):
    cohort_create(run=run, name="A조", actor=instructor)
    with pytest.raises(CommunityError):
        cohort_create(run=run, name="A조", actor=instructor)
    with pytest.raises(CommunityError):
        cohort_create(run=run, name="  ", actor=instructor)
    with pytest.raises(CommunityForbidden):
        cohort_create(run=run, name="B조", actor=learner)


def test_round_robin_makes_cohorts_and_balances_them(run, instructor):
    _learners(run, 7)
    report = cohorts_fill(
        run=run, strategy="round_robin", cohort_count=3, actor=instructor
    )
    assert report.total == 7 and len(report.created) == 3
    sizes = sorted(c.memberships.count() for c in Cohort.objects.filter(run=run))
    assert sizes == [2, 2, 3]


def test_round_robin_tops_up_the_smallest_cohorts_first(run, instructor):
    a = cohort_create(run=run, name="A", actor=instructor)
    cohort_create(run=run, name="B", actor=instructor)
    for learner in _learners(run, 3):
        cohort_member_set(cohort=a, learner=learner, actor=instructor)
    _learners(run, 4)
    cohorts_fill(run=run, strategy="round_robin", actor=instructor)
    assert {c.name: c.memberships.count() for c in Cohort.objects.filter(run=run)} == {
        "A": 4,
        "B": 3,
    }


def test_a_second_fill_moves_nobody_and_adds_only_newcomers(run, instructor):
    _learners(run, 4)
    cohorts_fill(run=run, strategy="round_robin", cohort_count=2, actor=instructor)
    before = dict(CohortMembership.objects.values_list("user_id", "cohort_id"))
    assert cohorts_fill(run=run, strategy="round_robin", actor=instructor).total == 0
    _learners(run, 1)
    assert cohorts_fill(run=run, strategy="round_robin", actor=instructor).total == 1
    after = dict(CohortMembership.objects.values_list("user_id", "cohort_id"))
    assert {k: after[k] for k in before} == before


def test_by_organization_one_cohort_each_and_found_again(run, instructor):
    coop = OrganizationFactory(name="두레공방 협동조합")
    village = OrganizationFactory(name="느티나무 마을기업")
    _learners(run, 2, organization=coop)
    _learners(run, 1, organization=village)
    _learners(run, 1)  # no organization
    cohorts_fill(run=run, strategy="organization", actor=instructor)
    sizes = {c.name: c.memberships.count() for c in Cohort.objects.filter(run=run)}
    no_organization = Cohort.objects.get(auto_key="org:none").name
    assert sizes == {"두레공방 협동조합": 2, "느티나무 마을기업": 1, no_organization: 1}
    _learners(run, 1, organization=coop)
    cohorts_fill(run=run, strategy="organization", actor=instructor)
    assert Cohort.objects.filter(run=run).count() == 3
    assert Cohort.objects.get(auto_key=f"org:{coop.pk}").memberships.count() == 3


def test_by_region_groups_organizations_of_a_region(run, instructor):
    _learners(run, 2, organization=OrganizationFactory(region=Region.JEONBUK))
    _learners(run, 1, organization=OrganizationFactory(region=Region.JEONBUK))
    _learners(run, 2, organization=OrganizationFactory(region=Region.GWANGJU))
    cohorts_fill(run=run, strategy="region", actor=instructor)
    sizes = {c.auto_key: c.memberships.count() for c in Cohort.objects.filter(run=run)}
    assert sizes == {"region:jeonbuk": 3, "region:gwangju": 2}


def test_only_active_learners_are_placed(run, instructor):
    EnrollmentFactory(run=run, status="waitlisted")
    EnrollmentFactory(run=run, status="withdrawn")
    active = _learners(run, 1)
    cohorts_fill(run=run, strategy="round_robin", cohort_count=1, actor=instructor)
    assert list(CohortMembership.objects.values_list("user_id", flat=True)) == [
        active[0].pk
    ]


def test_one_cohort_per_learner_per_run_in_the_database(run, learner, instructor):
    from django.db import IntegrityError, transaction

    a = cohort_create(run=run, name="A", actor=instructor)
    b = cohort_create(run=run, name="B", actor=instructor)
    CohortMembership.objects.create(cohort=a, run=run, user=learner)
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortMembership.objects.create(cohort=b, run=run, user=learner)


def test_new_learners_are_assigned_as_they_enrol_when_the_run_asks(run, instructor):
    RunCohortSettings.objects.create(run=run, auto_assign="region")
    person = UserFactory(organization=OrganizationFactory(region=Region.JEJU))
    enrollment_create(learner=person, run=run)
    assert CohortMembership.objects.get(user=person).cohort.auto_key == "region:jeju"


def test_no_automatic_assignment_without_the_setting(run):
    enrollment_create(learner=UserFactory(), run=run)
    assert not CohortMembership.objects.exists()


def test_the_fill_page_reports_and_refuses_bad_input(client, run, instructor):
    _learners(run, 3)
    client.force_login(instructor)
    url = reverse("community:cohorts-fill", args=[run.pk])
    assert client.post(url, {"strategy": "alphabetical"}).status_code == 400
    response = client.post(url, {"strategy": "round_robin", "cohort_count": 2})
    assert response.status_code == 302
    page = client.get(reverse("community:cohorts", args=[run.pk]))
    assert len(page.context["cohorts"]) == 2 and page.context["unplaced"] == []


# --- cohort-only lessons --------------------------------------------------------


@pytest.fixture
def restricted_lesson(course, run, learner, instructor):
    lesson = LessonPage.objects.descendant_of(course).first()
    cohort = cohort_create(run=run, name="전북", actor=instructor)
    cohort_member_set(cohort=cohort, learner=learner, actor=instructor)
    restriction = LessonCohortRestriction.objects.create(page=lesson)
    restriction.cohorts.add(cohort)
    return lesson


def test_a_cohort_only_lesson_opens_for_its_cohort_and_teachers(
    client, restricted_lesson, learner, instructor, staff
):
    for person in (learner, instructor, staff):
        client.force_login(person)
        assert client.get(restricted_lesson.url).status_code == 200


def test_a_cohort_only_lesson_is_hidden_from_other_learners(
    client, restricted_lesson, learner2, other_instructor, other_run_learner
):
    for person in (learner2, other_instructor, other_run_learner):
        client.force_login(person)
        assert client.get(restricted_lesson.url).status_code == 404


def test_an_anonymous_visitor_is_asked_to_log_in_for_a_cohort_only_lesson(
    client, restricted_lesson, course
):
    course.is_open = True  # even in an open course
    course.save()
    response = client.get(restricted_lesson.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_lessons_are_untouched(client, course, learner2, restricted_lesson):
    other = (
        LessonPage.objects.descendant_of(course)
        .exclude(pk=restricted_lesson.pk)
        .first()
    )
    client.force_login(learner2)
    assert client.get(other.url).status_code == 200
