"""The partner REST API: catalog, outline, content, enrolment, progress, errors."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def enrol_body(run, external_id="stu-1", email="stu1@hanbit.ac.kr"):
    return {
        "run": run.pk,
        "learner": {"external_id": external_id, "email": email, "name": "김학생"},
    }


def test_catalog_lists_agreement_courses_with_runs_and_seats(
    api_a, course, other_course, run
):
    response = api_a.get(reverse("api:catalog"))
    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["id"] for item in results] == [course.pk]
    assert results[0]["runs"][0]["seats_left"] == 10
    assert results[0]["url"] == course.get_url()
    assert not results[0]["url"].startswith("/home/")
    assert "next" in response.json() and "previous" in response.json()


def test_catalog_filters_and_refuses_bad_filters_with_a_problem(api_a, course):
    assert api_a.get(reverse("api:catalog"), {"delivery": "online"}).json()["results"]
    assert not api_a.get(reverse("api:catalog"), {"delivery": "residential"}).json()[
        "results"
    ]
    response = api_a.get(reverse("api:catalog"), {"delivery": "moon"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and "delivery" in body["errors"]


def test_catalog_facets_count_the_agreement_courses(api_a, course, other_course):
    facets = api_a.get(reverse("api:catalog-facets")).json()
    assert facets["delivery"] == {"online": 1}


def test_catalog_query_count_does_not_grow(
    api_a, catalog, partner_a, agreement_a, django_assert_num_queries
):
    from ..factories import CourseRunFactory, course_tree_create

    for _ in range(3):
        extra = course_tree_create(index=catalog, modules=1, lessons=1)
        CourseRunFactory(course=extra)
        agreement_a.courses.add(extra)
    api_a.get(reverse("api:catalog"))  # warm the site and locale caches
    # the token, the courses and their runs, the audit line and last use
    with django_assert_num_queries(5) as first:
        api_a.get(reverse("api:catalog"))
    for _ in range(5):
        extra = course_tree_create(index=catalog, modules=1, lessons=1)
        CourseRunFactory(course=extra)
        agreement_a.courses.add(extra)
    with django_assert_num_queries(len(first.captured_queries)):
        response = api_a.get(reverse("api:catalog"))
    assert len(response.json()["results"]) == 9


def test_outline_lists_modules_and_lessons(api_a, course):
    body = api_a.get(reverse("api:course-outline", args=[course.pk])).json()
    assert len(body["modules"]) == 1
    assert [item["type"] for item in body["modules"][0]["items"]] == [
        "lesson",
        "lesson",
    ]


def test_outline_of_a_course_outside_the_agreement_is_404(api_a, other_course):
    response = api_a.get(reverse("api:course-outline", args=[other_course.pk]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_lesson_content_under_a_view_licence(api_a, course):
    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(course).first()
    response = api_a.get(reverse("api:lesson", args=[lesson.pk]))
    assert response.status_code == 200
    assert "사회적경제" in response.json()["html"]


def test_lesson_content_refused_under_a_catalog_only_licence(
    api_for, partner_b, course
):
    from courses.models import LessonPage

    from .conftest import agreement_make

    agreement_make(partner_b, [course], licence="catalog_only")
    lesson = LessonPage.objects.descendant_of(course).first()
    response = api_for(partner_b).get(reverse("api:lesson", args=[lesson.pk]))
    assert response.status_code == 403
    assert response.json()["code"] == "licence_forbids_content"


def test_expired_agreement_hides_the_course(api_for, partner_b, course):
    import datetime

    from .conftest import agreement_make

    agreement_make(
        partner_b,
        [course],
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    assert api_for(partner_b).get(reverse("api:catalog")).json()["results"] == []


def test_enrolment_is_idempotent_by_key(api_a, run):
    headers = {"HTTP_IDEMPOTENCY_KEY": "abc-1"}
    first = api_a.post(
        reverse("api:enrolments"), enrol_body(run), format="json", **headers
    )
    assert first.status_code == 201, first.json()
    again = api_a.post(
        reverse("api:enrolments"), enrol_body(run), format="json", **headers
    )
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    run.refresh_from_db()
    assert run.seats_taken == 1


def test_enrolment_key_reused_for_another_body_is_422(api_a, run):
    headers = {"HTTP_IDEMPOTENCY_KEY": "abc-2"}
    api_a.post(reverse("api:enrolments"), enrol_body(run), format="json", **headers)
    response = api_a.post(
        reverse("api:enrolments"),
        enrol_body(run, external_id="stu-2", email="s2@hanbit.ac.kr"),
        format="json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


def test_enrolment_needs_an_idempotency_key(api_a, run):
    response = api_a.post(reverse("api:enrolments"), enrol_body(run), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_missing"


def test_enrolment_cannot_claim_an_existing_account(api_a, run, user):
    response = api_a.post(
        reverse("api:enrolments"),
        enrol_body(run, email=user.email),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"


def test_enrolment_in_a_run_outside_the_agreement_is_404(api_a, other_course):
    from ..factories import CourseRunFactory

    other_run = CourseRunFactory(course=other_course)
    response = api_a.post(
        reverse("api:enrolments"),
        enrol_body(other_run),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code == 404


def test_progress_grades_and_certificate_of_own_learner(api_a, run):
    created = api_a.post(
        reverse("api:enrolments"),
        enrol_body(run),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    ).json()
    body = api_a.get(reverse("api:enrolment", args=[created["id"]])).json()
    assert body["learner"] == "stu-1"
    assert body["progress"] == {
        "required_lessons": 2,
        "required_lessons_done": 0,
        "percent": 0,
    }
    assert body["certificate"] is None
    listed = api_a.get(reverse("api:enrolments"), {"learner": "stu-1"}).json()
    assert [item["id"] for item in listed["results"]] == [created["id"]]


def test_a_learner_who_withdraws_consent_disappears_from_the_api(api_a, run):
    """PIPA: withdrawing provision to partners stops the API from that moment."""
    from lms.accounts.models import ConsentPurpose, User
    from lms.accounts.services import consent_give, consent_withdraw

    created = api_a.post(
        reverse("api:enrolments"),
        enrol_body(run),
        format="json",
        HTTP_IDEMPOTENCY_KEY="consent",
    ).json()
    learner = User.objects.get(enrollments__pk=created["id"])
    consent_give(user=learner, purpose=ConsentPurpose.PARTNERS)
    assert api_a.get(reverse("api:enrolment", args=[created["id"]])).status_code == 200
    consent_withdraw(user=learner, purpose=ConsentPurpose.PARTNERS)
    refused = api_a.get(reverse("api:enrolment", args=[created["id"]]))
    assert refused.status_code == 404
    assert refused["Content-Type"] == "application/problem+json"
    listed = api_a.get(reverse("api:enrolments"), {"learner": "stu-1"}).json()
    assert listed["results"] == []


def test_withdraw_frees_the_seat(api_a, run):
    created = api_a.post(
        reverse("api:enrolments"),
        enrol_body(run),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    ).json()
    response = api_a.delete(reverse("api:enrolment", args=[created["id"]]))
    assert response.json()["status"] == "withdrawn"
    run.refresh_from_db()
    assert run.seats_taken == 0


def test_etag_gives_304_when_nothing_changed(api_a, course):
    url = reverse("api:course-outline", args=[course.pk])
    first = api_a.get(url)
    etag = first["ETag"]
    again = api_a.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    changed = api_a.get(url, HTTP_IF_NONE_MATCH='"other"')
    assert changed.status_code == 200


def test_errors_are_in_the_requests_language(api_a, other_course):
    url = reverse("api:course-outline", args=[other_course.pk])
    korean = api_a.get(url, HTTP_ACCEPT_LANGUAGE="ko").json()
    english = api_a.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["detail"] == "There is no such course in your agreements."
    assert korean["detail"] != english["detail"]
    assert korean["title"] != english["title"]


def test_certificate_verification_unknown_code_is_404(api_a):
    response = api_a.get(reverse("api:certificate-verify", args=["nope"]))
    assert response.status_code == 404
