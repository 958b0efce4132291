"""Bulk enrolment from a CSV of e-mail addresses: all rows or none."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus
from lms.learning.services import enrollment_bulk_import

from ..factories import CourseRunFactory, UserFactory

pytestmark = pytest.mark.django_db


def _csv(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.fixture
def learners(db):
    return UserFactory.create_batch(3)


def _nothing_imported(run: CourseRun) -> bool:
    run.refresh_from_db()
    return not Enrollment.objects.filter(run=run).exists() and run.seats_taken == 0


def test_good_file_enrols_everyone(run, learners, staff_user):
    data = _csv("email", *(learner.email for learner in learners))
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert report.ok
    assert {e.learner for e in report.enrolled} == set(learners)
    assert set(Enrollment.objects.values_list("status", "source")) == {
        (EnrollmentStatus.ACTIVE, "csv")
    }
    run.refresh_from_db()
    assert run.seats_taken == 3


def test_excel_file_with_a_bom_extra_columns_and_odd_case_is_read(
    run, learners, staff_user
):
    data = "\ufeffName,E-mail ignored,EMAIL\r\n" + "".join(
        f"홍길동,x,{learner.email.upper()}\r\n" for learner in learners
    )
    report = enrollment_bulk_import(
        run=run, data=data.encode("utf-8"), actor=staff_user
    )
    assert report.ok
    assert len(report.enrolled) == 3


def test_import_skips_the_window_and_policy_rules(course, learners, staff_user):
    """Staff enrol directly: approval and invitation apply to self-enrolment."""
    run = CourseRunFactory(course=course, enrollment_policy="approval")
    report = enrollment_bulk_import(
        run=run, data=_csv("email", learners[0].email), actor=staff_user
    )
    assert report.enrolled[0].status == EnrollmentStatus.ACTIVE


def test_unknown_e_mail_imports_nothing_and_names_its_line(run, learners, staff_user):
    data = _csv("email", learners[0].email, "nobody@example.org", learners[1].email)
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert [line for line, _message in report.errors] == [3]
    assert "nobody@example.org" in report.errors[0][1]
    assert report.enrolled == []
    assert _nothing_imported(run)


def test_duplicate_row_imports_nothing_and_names_its_line(run, learners, staff_user):
    data = _csv("email", learners[0].email, learners[1].email, learners[0].email)
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert [line for line, _message in report.errors] == [4]
    assert _nothing_imported(run)


def test_value_that_is_not_an_e_mail_imports_nothing(run, learners, staff_user):
    data = _csv("email", learners[0].email, "not an address")
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert [line for line, _message in report.errors] == [3]
    assert _nothing_imported(run)


def test_every_bad_row_is_reported(run, learners, staff_user):
    data = _csv("email", "bad", learners[0].email, "ghost@example.org", " ")
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert [line for line, _message in report.errors] == [2, 4, 5]
    assert _nothing_imported(run)


def test_file_without_an_email_column_imports_nothing(run, learners, staff_user):
    data = _csv("name,phone", f"{learners[0].email},010-0000-0000")
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert [line for line, _message in report.errors] == [1]
    assert _nothing_imported(run)


def test_file_that_is_not_utf_8_imports_nothing(run, learners, staff_user):
    data = f"email,이름\r\n{learners[0].email},홍길동\r\n".encode("euc-kr")
    report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert not report.ok
    assert "UTF-8" in report.errors[0][1]
    assert _nothing_imported(run)


def test_empty_file_imports_nothing(run, staff_user):
    report = enrollment_bulk_import(run=run, data=_csv("email"), actor=staff_user)
    assert not report.ok
    assert _nothing_imported(run)


def test_more_rows_than_seats_imports_nothing_and_names_the_first_row_over(
    course, learners, staff_user, django_capture_on_commit_callbacks
):
    run = CourseRunFactory(course=course, capacity=2)
    data = _csv("email", *(learner.email for learner in learners))
    with django_capture_on_commit_callbacks(execute=True):
        report = enrollment_bulk_import(run=run, data=data, actor=staff_user)
    assert [line for line, _message in report.errors] == [4]
    assert report.enrolled == []
    assert _nothing_imported(run)
    assert mail.outbox == []  # no one is told of an enrolment that was undone


def test_import_view_refuses_a_learner(client, user, run, learners):
    client.force_login(user)
    upload = SimpleUploadedFile("roster.csv", _csv("email", learners[0].email))
    response = client.post(
        reverse("learning:run-import", args=[run.pk]), {"file": upload}
    )
    assert response.status_code == 403
    assert not Enrollment.objects.exists()


def test_import_view_refuses_an_instructor_of_the_course(client, run, learners):
    from ..factories import instructor_create

    client.force_login(instructor_create(courses=[run.course]))
    response = client.get(reverse("learning:run-import", args=[run.pk]))
    assert response.status_code == 403


def test_import_view_sends_an_anonymous_visitor_to_log_in(client, run):
    response = client.get(reverse("learning:run-import", args=[run.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_import_view_refuses_a_file_that_is_not_csv(client, staff_user, run, learners):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("roster.xlsx", _csv("email", learners[0].email))
    response = client.post(
        reverse("learning:run-import", args=[run.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert not Enrollment.objects.exists()


def test_import_view_shows_row_errors_with_status_400(
    client, staff_user, run, learners
):
    client.force_login(staff_user)
    upload = SimpleUploadedFile(
        "roster.csv", _csv("email", learners[0].email, "ghost@example.org")
    )
    response = client.post(
        reverse("learning:run-import", args=[run.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "ghost@example.org" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_import_view_enrols_a_good_file_for_staff(client, staff_user, run, learners):
    client.force_login(staff_user)
    upload = SimpleUploadedFile(
        "roster.csv", _csv("email", *(learner.email for learner in learners))
    )
    response = client.post(
        reverse("learning:run-import", args=[run.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert Enrollment.objects.filter(run=run).count() == 3
