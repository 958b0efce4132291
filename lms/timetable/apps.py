from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimetableConfig(AppConfig):
    name = "lms.timetable"
    label = "timetable"
    verbose_name = _("Timetable")

    def ready(self):
        from lms.core.calendar import calendar_source_register
        from lms.learning.completion import completion_requirement_register

        from . import sources
        from .completion import attendance_requirement

        # the personal feed: the user's lecture sessions and assignment deadlines
        calendar_source_register("timetable.sessions", sources.session_entries)
        calendar_source_register("learning.deadlines", sources.deadline_entries)
        # a run's minimum attendance counts toward completion
        completion_requirement_register("attendance", attendance_requirement)

        from lms.core.navigation import NavItem, nav_item_register, staff_only

        nav_item_register(
            NavItem("calendar", _("My calendar"), "timetable:my-calendar", order=20)
        )
        nav_item_register(
            NavItem(
                "timetable",
                _("Timetable"),
                "timetable:timetable",
                order=75,
                visible=staff_only,
            )
        )
