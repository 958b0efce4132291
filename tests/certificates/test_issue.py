"""Issuing: exactly once per enrolment, with a readable serial number and an
opaque code, on completion or by hand, and a correction keeps the history."""

import pytest
from django.db import IntegrityError

from certificates import tasks
from certificates.models import Certificate, CertificateEvent, CourseCertificate
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from lms.learning.models import Enrollment

from .conftest import completed_enrollment_create

pytestmark = pytest.mark.django_db


def test_the_task_issues_one_certificate_with_what_it_says(enrollment):
    certificate = Certificate.objects.get(pk=tasks.certificate_issue(enrollment.pk))
    assert certificate.learner_name_ko == "김하늘"
    assert certificate.learner_name_en == "Haneul Kim"
    assert certificate.course_title_ko == "사회적기업 창업 기초"
    assert certificate.credit_hours == 24
    assert certificate.grade == enrollment.final_grade
    assert certificate.is_valid
    assert certificate.pdf_name and certificate.badge_jwt


def test_the_task_run_ten_times_still_makes_one_certificate(enrollment):
    ids = {tasks.certificate_issue(enrollment.pk) for _ in range(10)}
    assert len(ids) == 1
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert CertificateEvent.objects.count() == 1


def test_the_database_refuses_a_second_current_certificate(issued):
    duplicate = Certificate(
        enrollment=issued.enrollment,
        learner=issued.learner,
        run=issued.run,
        course=issued.course,
        serial="JBSE-2026-999999",
        learner_name_ko="김하늘",
        course_title_ko="x",
        course_title_en="x",
        credit_hours=1,
        completed_on=issued.completed_on,
        issuer_name_ko="x",
        issuer_name_en="x",
    )
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_serial_numbers_follow_the_prefix_year_and_a_gapless_counter(run, settings):
    settings.CERTIFICATES_SERIAL_PREFIX = "TEST"
    first = certificate_issue(enrollment_id=completed_enrollment_create(run=run).pk)[0]
    second = certificate_issue(enrollment_id=completed_enrollment_create(run=run).pk)[0]
    year = first.issued_at.astimezone().year
    assert first.serial == f"TEST-{year}-000001"
    assert second.serial == f"TEST-{year}-000002"


def test_verification_codes_are_long_random_and_distinct(run):
    codes = {
        certificate_issue(enrollment_id=completed_enrollment_create(run=run).pk)[0].code
        for _ in range(5)
    }
    assert len(codes) == 5
    assert all(len(code) == 26 and code.isalnum() for code in codes)


def test_an_enrolment_that_is_not_completed_gets_no_certificate(run, learner):
    enrollment = Enrollment.objects.create(run=run, learner=learner, status="active")
    with pytest.raises(CertificateError) as error:
        certificate_issue(enrollment_id=enrollment.pk)
    assert "수료한 학습자에게만" in error.value.message  # Korean, the default
    assert not Certificate.objects.exists()


def test_completing_an_enrolment_issues_its_certificate(
    enrollment, django_capture_on_commit_callbacks
):
    from lms.learning.signals import enrollment_completed

    with django_capture_on_commit_callbacks(execute=True):
        enrollment_completed.send(sender=Enrollment, enrollment=enrollment)
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.pdf_name


def test_a_course_can_leave_issuing_to_staff(
    enrollment, course, django_capture_on_commit_callbacks
):
    from lms.learning.signals import enrollment_completed

    CourseCertificate.objects.create(course=course, issue_on_completion=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enrollment_completed.send(sender=Enrollment, enrollment=enrollment)
    assert len(callbacks) == 1
    assert not Certificate.objects.exists()


def test_a_reissue_supersedes_and_keeps_the_old_certificate(issued, staff):
    new = certificate_reissue(
        certificate=issued,
        actor=staff,
        reason="영문 이름 철자 수정",
        names=("김하늘", "Ha-neul Kim"),
    )
    issued.refresh_from_db()
    assert not issued.is_current and issued.replaced_by == new
    assert issued.status == "superseded"
    assert new.is_valid and new.learner_name_en == "Ha-neul Kim"
    assert new.serial != issued.serial and new.code != issued.code
    assert list(
        CertificateEvent.objects.filter(certificate=issued).values_list(
            "kind", flat=True
        )
    ) == ["issued", "reissued"]


def test_a_replaced_certificate_cannot_be_reissued_or_revoked(issued, staff):
    certificate_reissue(certificate=issued, actor=staff, reason="과정명 수정")
    with pytest.raises(CertificateError):
        certificate_reissue(certificate=issued, actor=staff, reason="다시")
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=issued, actor=staff, reason="오류")


def test_revoking_needs_a_reason_and_happens_once(issued, staff):
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=issued, actor=staff, reason="  ")
    certificate_revoke(certificate=issued, actor=staff, reason="부정 이수 확인")
    issued.refresh_from_db()
    assert issued.status == "revoked"
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=issued, actor=staff, reason="again")


def test_a_revoked_certificate_is_not_issued_again_on_completion(issued, staff):
    certificate_revoke(certificate=issued, actor=staff, reason="부정 이수 확인")
    again, created = certificate_issue(enrollment_id=issued.enrollment_id)
    assert not created and again.pk == issued.pk


def test_finishing_the_last_lesson_issues_the_certificate_end_to_end(
    run, learner, django_capture_on_commit_callbacks
):
    """Learning completes the enrolment and says so; certificates issue."""
    from courses.models import LessonPage
    from lms.learning.services import lesson_progress_complete, lesson_progress_view

    from ..factories import EnrollmentFactory

    enrollment = EnrollmentFactory(run=run, learner=learner, status="active")
    lessons = LessonPage.objects.descendant_of(run.course).live().order_by("path")
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            lesson_progress_view(learner=learner, lesson=lesson)  # opened, then done
            lesson_progress_complete(learner=learner, lesson=lesson)
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.pdf_name and certificate.is_valid


def test_the_learner_is_notified_once_in_their_language(
    enrollment, django_capture_on_commit_callbacks
):
    from lms.community.models import Notification

    learner = enrollment.learner
    learner.preferred_language = "en"
    learner.save()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            certificate_issue(enrollment_id=enrollment.pk)
    [notification] = Notification.objects.filter(recipient=learner)
    assert notification.kind == "certificate.issued"
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.course_title_en in notification.title
    assert notification.url.endswith("/certificates/")
