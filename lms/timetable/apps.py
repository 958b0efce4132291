from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimetableConfig(AppConfig):
    name = "lms.timetable"
    label = "timetable"
    verbose_name = _("Timetable")

    def ready(self):
        from lms.learning.completion import completion_requirement_register

        from .completion import attendance_requirement

        # a run's minimum attendance counts toward completion
        completion_requirement_register("attendance", attendance_requirement)
