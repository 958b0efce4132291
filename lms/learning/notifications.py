"""E-mail a learner when their enrolment changes, once per change."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from lms.core.mail import mail_queue
from lms.core.site_url import public_base_url

from .models import Enrollment, EnrollmentStatus
from .selectors import course_in_language

NOTIFIED = {
    EnrollmentStatus.ACTIVE,
    EnrollmentStatus.PENDING,
    EnrollmentStatus.WAITLISTED,
    EnrollmentStatus.REJECTED,
}


def enrollment_status_notify(*, enrollment_id: int) -> bool:
    """Tell the learner the enrolment's current status. Safe to run twice."""
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("learner", "run__course")
            .filter(pk=enrollment_id)
            .first()
        )
        if enrollment is None or enrollment.status not in NOTIFIED:
            return False
        if enrollment.notified_status == enrollment.status:
            return False
        previous = enrollment.notified_status
        enrollment.notified_status = enrollment.status
        enrollment.save(update_fields=["notified_status"])
    learner = enrollment.learner
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "enrollment": enrollment,
            "learner": learner,
            "run": enrollment.run,
            "course": course_in_language(enrollment.run.course),
            "promoted": previous == EnrollmentStatus.WAITLISTED
            and enrollment.status == EnrollmentStatus.ACTIVE,
            "site_url": public_base_url(),
        }
        subject = render_to_string("learning/email/status_subject.txt", context).strip()
        body = render_to_string("learning/email/status_body.txt", context)
    mail_queue(to=[learner.email], subject=subject, body=body)
    return True
