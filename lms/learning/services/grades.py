"""Writes about grades: overrides set by hand, kept as an audit trail.

An override is never changed or deleted: each change is a new `GradeOverride`
row with who, when and why, and the newest row counts. A row with no percent
clears the override, so the computed grade counts again.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ..gradebook import assessment_items, grades_for_enrollment
from ..models import SEAT_HOLDING, Enrollment, EnrollmentStatus, GradeOverride
from ..permissions import run_manage_allowed
from .completion import enrollment_completion_evaluate
from .enrollment import EnrollmentError

REASON_MAX_LENGTH = GradeOverride._meta.get_field("reason").max_length


class GradeError(EnrollmentError):
    """A refused grade change, with a message for the instructor."""


def _percent_clean(percent) -> Decimal | None:
    if percent is None:
        return None
    try:
        value = Decimal(percent)
    except (InvalidOperation, TypeError, ValueError):
        raise GradeError(_("Enter a grade between 0 and 100.")) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise GradeError(_("Enter a grade between 0 and 100."))
    if value != value.quantize(Decimal("0.01")):
        raise GradeError(_("Use at most two decimal places."))
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def grade_override_set(
    *,
    enrollment: Enrollment,
    item,
    percent: Decimal | None,
    reason: str,
    actor,
) -> GradeOverride:
    """Set (or, with `percent=None`, clear) a learner's grade on one item by hand.

    Only the course's instructors and center staff may; a reason is required.
    Writes a new audit row, then evaluates the enrolment's completion, and keeps
    the final grade of an already completed enrolment in step.
    """
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("run__course", "learner")
        .get(pk=enrollment.pk)
    )
    run = enrollment.run
    if not run_manage_allowed(user=actor, run=run):
        raise GradeError(
            _("Only the course's instructors and center staff may change grades.")
        )
    if enrollment.status not in SEAT_HOLDING:
        raise GradeError(_("This learner is not enrolled in the run."))
    reason = (reason or "").strip()
    if not reason:
        raise GradeError(_("Give a reason for the change."))
    if len(reason) > REASON_MAX_LENGTH:
        raise GradeError(
            _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX_LENGTH}
        )
    value = _percent_clean(percent)
    item_id = getattr(item, "pk", item)
    if item_id not in {i.pk for i in assessment_items(course=run.course)}:
        raise GradeError(_("This is not a quiz or assignment of the course."))
    if value is None:
        newest = (
            GradeOverride.objects.filter(enrollment=enrollment, item_id=item_id)
            .order_by("-created_at", "-pk")
            .first()
        )
        if newest is None or newest.percent is None:
            raise GradeError(_("There is no override to clear."))
    override = GradeOverride.objects.create(
        enrollment=enrollment,
        item_id=item_id,
        percent=value,
        reason=reason,
        created_by=actor,
    )
    if enrollment.status == EnrollmentStatus.COMPLETED:
        _book, row = grades_for_enrollment(enrollment=enrollment)
        if row.total != enrollment.final_grade:
            enrollment.final_grade = row.total
            enrollment.save(update_fields=["final_grade"])
    else:
        enrollment_completion_evaluate(enrollment=enrollment)
    return override
