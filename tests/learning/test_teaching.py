"""The teaching page: an instructor's runs and what waits for them; the menu."""

import pytest
from django.urls import reverse

from lms.learning.models import EnrollmentStatus, Submission

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    UserFactory,
    course_tree_create,
)

pytestmark = pytest.mark.django_db

URL = reverse("learning:teaching")


def _taught_by(instructor):
    from courses.models import CoursePageInstructor

    return CoursePageInstructor.objects.get(user=instructor).page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_learner_is_refused(client, learner, active_enrollment):
    client.force_login(learner)
    assert client.get(URL).status_code == 403


def test_an_instructor_sees_the_runs_of_their_courses_only(
    client, run, course_instructor, other_instructor
):
    other_run = CourseRunFactory(course=_taught_by(other_instructor), title="남의 차수")
    client.force_login(course_instructor)
    response = client.get(URL)
    assert response.status_code == 200
    runs = list(response.context["page_obj"])
    assert runs == [run]
    assert other_run.title not in response.content.decode()


def test_staff_see_every_run(client, run, staff_user, other_instructor):
    other_run = CourseRunFactory(course=_taught_by(other_instructor))
    client.force_login(staff_user)
    response = client.get(URL)
    assert set(response.context["page_obj"]) == {run, other_run}


def test_what_waits_is_counted_per_run(
    client, run, course_instructor, grade_item_add, learner
):
    EnrollmentFactory(run=run, status=EnrollmentStatus.PENDING)
    EnrollmentFactory(run=run, status=EnrollmentStatus.WAITLISTED)
    EnrollmentFactory(run=run, status=EnrollmentStatus.WAITLISTED)
    enrollment = EnrollmentFactory(run=run, learner=learner)
    assignment = grade_item_add("assignment")
    Submission.objects.create(
        learner=learner, assignment=assignment, enrollment=enrollment, text="답안"
    )
    client.force_login(course_instructor)
    [row] = client.get(URL).context["page_obj"]
    assert (row.pending_count, row.waitlist_count, row.ungraded_count) == (1, 2, 1)


def test_the_page_takes_the_same_queries_for_1_and_30_runs(
    client, catalog, staff_user, django_assert_max_num_queries
):
    course = course_tree_create(index=catalog)
    CourseRunFactory(course=course)
    client.force_login(staff_user)
    client.get(URL)
    with django_assert_max_num_queries(8) as first:
        client.get(URL)
    first_count = len(first.captured_queries)  # the next request clears the log
    for _ in range(29):
        run = CourseRunFactory(course=course)
        EnrollmentFactory(run=run, status=EnrollmentStatus.PENDING)
    client.get(URL)  # new runs retired what the cache kept: warm it again
    with django_assert_max_num_queries(first_count):
        response = client.get(URL)
    assert len(response.context["page_obj"]) == 20


def test_the_dashboard_points_instructors_to_teaching(client, course_instructor):
    client.force_login(course_instructor)
    response = client.get(reverse("learning:dashboard"))
    assert URL in response.content.decode()


def test_the_dashboard_does_not_point_learners_to_teaching(client, learner):
    client.force_login(learner)
    response = client.get(reverse("learning:dashboard"))
    assert URL not in response.content.decode()


def test_the_personal_menu_links_my_learning_and_teaching_for_staff(client):
    learner = UserFactory()
    client.force_login(learner)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("learning:dashboard") in body
    assert URL not in body

    client.force_login(UserFactory(is_staff=True))
    body = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("learning:dashboard") in body and URL in body


def test_the_personal_menu_is_not_shown_to_anonymous_visitors(client, catalog):
    body = client.get("/").content.decode()
    assert 'class="personal-menu"' not in body
    assert reverse("learning:dashboard") not in body
