"""Completing an enrolment: when every requirement of its run is met."""

from functools import partial

from django.db import transaction
from django.utils import timezone

from ..completion import RequirementResult, completion_requirements
from ..gradebook import Gradebook, grades_for_enrollment
from ..models import Enrollment, EnrollmentStatus
from ..signals import enrollment_completed


def completion_status(
    *, enrollment: Enrollment, book: Gradebook | None = None
) -> list[RequirementResult]:
    """Every requirement that applies to the enrolment's run, met or not.

    `book`: the enrolment's gradebook, when the caller has built it already.
    """
    from ..selectors import course_progress

    course = enrollment.run.course
    if book is None:
        book, row = grades_for_enrollment(enrollment=enrollment)
    else:
        row = next(r for r in book.rows if r.enrollment.pk == enrollment.pk)
    context = {
        "progress": course_progress(learner=enrollment.learner, course=course),
        "gradebook_row": row,
        "items": book.items,
    }
    results = []
    for requirement in completion_requirements().values():
        result = requirement(enrollment=enrollment, context=context)
        if result is not None:
            results.append(result)
    return results


@transaction.atomic
def enrollment_completion_evaluate(*, enrollment: Enrollment) -> bool:
    """Complete the enrolment if all its requirements are met. Returns whether it
    is complete. Evaluating a completed enrolment again changes nothing, and
    `enrollment_completed` is sent once, after commit.
    """
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("run__course", "learner")
        .get(pk=enrollment.pk)
    )
    if enrollment.status == EnrollmentStatus.COMPLETED:
        return True
    if enrollment.status != EnrollmentStatus.ACTIVE:
        return False
    book, row = grades_for_enrollment(enrollment=enrollment)
    results = completion_status(enrollment=enrollment, book=book)
    if not results or not all(result.met for result in results):
        return False
    now = timezone.now()
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.status_changed_at = now
    enrollment.completed_at = now
    enrollment.final_grade = row.total
    enrollment.save(
        update_fields=["status", "status_changed_at", "completed_at", "final_grade"]
    )
    transaction.on_commit(
        partial(enrollment_completed.send, sender=Enrollment, enrollment=enrollment)
    )
    return True


def learner_completion_evaluate(*, learner, course) -> None:
    """Re-evaluate the learner's active enrolment in `course`, if any."""
    enrollment = Enrollment.objects.filter(
        learner=learner,
        run__course__translation_key=course.translation_key,
        status=EnrollmentStatus.ACTIVE,
    ).first()
    if enrollment is not None:
        enrollment_completion_evaluate(enrollment=enrollment)
