"""The "attendance" completion requirement, plugged into lms.learning's registry.

A run that sets `completion_min_attendance` asks that the learner attended
(present or late) at least that share of its lecture meetings; excused
meetings are left out of the count. A run without meetings cannot be
completed on attendance: there is nothing to attend yet.
"""

from django.utils.translation import gettext as _

from lms.learning.completion import RequirementResult

from .selectors import attendance_rate


def attendance_requirement(*, enrollment, context) -> RequirementResult | None:
    minimum = enrollment.run.completion_min_attendance
    if minimum is None:
        return None
    rate = attendance_rate(run_id=enrollment.run_id, learner_id=enrollment.learner_id)
    percent = rate.percent
    return RequirementResult(
        "attendance",
        _("Attendance of at least %(minimum)d%%") % {"minimum": minimum},
        percent is not None and percent >= minimum,
        _("%(attended)d of %(counted)d meetings (%(percent)s)")
        % {
            "attended": rate.attended,
            "counted": rate.counted,
            "percent": f"{percent}%" if percent is not None else "–",
        }
        if rate.counted
        else _("no meetings scheduled yet"),
    )
