import datetime as dt
import re

from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.documents import get_document_model

from lms.accounts.models import Role, User
from lms.learning.forms import RunChoiceField
from lms.learning.models import CourseRun

from .models import AttendanceStatus, Building, Room, SessionKind
from .selectors import TimetableFilter


class TimetableFilterForm(forms.Form):
    """The staff timetable's view and filters; bad values are dropped."""

    view = forms.ChoiceField(
        label=_("View"),
        required=False,
        choices=[("week", _("Week")), ("month", pgettext_lazy("timetable", "Month"))],
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    building = forms.ModelChoiceField(
        label=_("Building"),
        required=False,
        queryset=Building.objects.all(),
        empty_label=_("All buildings"),
    )
    room = forms.ModelChoiceField(
        label=pgettext_lazy("lecture room", "Room"),
        required=False,
        queryset=Room.objects.select_related("building"),
        empty_label=_("All rooms"),
    )
    instructor = forms.IntegerField(label=_("Instructor"), required=False, min_value=1)

    def timetable_filter(self) -> TimetableFilter:
        if not self.is_bound:
            return TimetableFilter()
        self.is_valid()
        data = {n: v for n, v in self.cleaned_data.items() if n not in self.errors}
        return TimetableFilter(
            view=data.get("view") or "week",
            start=data.get("start"),
            building=data["building"].pk if data.get("building") else None,
            room=data["room"].pk if data.get("room") else None,
            instructor=data.get("instructor"),
        )


def _instructor_choices():
    return User.objects.filter(
        groups__in=Group.objects.filter(name=Role.INSTRUCTOR.value)
    ).order_by("name_ko", "email")


DATE_LIST = re.compile(r"[\s,]+")


class SessionForm(forms.Form):
    """Staff schedule a session: a run's lecture, or a room booking."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=SessionKind.choices, initial=SessionKind.LECTURE
    )
    run = RunChoiceField(
        label=_("Course run"),
        required=False,
        queryset=CourseRun.objects.select_related("course").order_by(
            "-starts_on", "pk"
        ),
        help_text=_("Required for a lecture session."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser = forms.CharField(
        label=_("Organiser"),
        max_length=200,
        required=False,
        help_text=_("For a room booking: who it is for."),
    )
    room = forms.ModelChoiceField(
        label=pgettext_lazy("lecture room", "Room"),
        queryset=Room.objects.active().select_related("building"),
    )
    date = forms.DateField(
        label=_("Date of the first meeting"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    rrule = forms.CharField(
        label=_("Repeats"),
        required=False,
        max_length=300,
        help_text=_(
            "Leave empty for a single meeting, or an RFC 5545 rule such as "
            "FREQ=WEEKLY;COUNT=8 or FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261218."
        ),
    )
    excluded_dates = forms.CharField(
        label=_("Except on"),
        required=False,
        max_length=2000,
        help_text=_("Dates without a meeting, e.g. 2026-09-25, 2026-10-09."),
    )
    instructors = forms.ModelMultipleChoiceField(
        label=_("Instructors"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    materials = forms.ModelMultipleChoiceField(
        label=_("Materials"),
        required=False,
        queryset=get_document_model().objects.none(),
        help_text=_("Documents from the Wagtail document library."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructors"].queryset = _instructor_choices()
        self.fields["materials"].queryset = get_document_model().objects.order_by(
            "-created_at"
        )

    def clean_excluded_dates(self):
        text = self.cleaned_data.get("excluded_dates", "").strip()
        dates = set()
        for part in filter(None, DATE_LIST.split(text)):
            try:
                dates.add(dt.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date like 2026-09-25.") % {"value": part}
                ) from None
        return sorted(dates)

    def clean(self):
        data = super().clean()
        if data.get("kind") == SessionKind.LECTURE and not data.get("run"):
            self.add_error("run", _("A lecture session belongs to a course run."))
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            zone = timezone.get_default_timezone()
            data["starts_at"] = dt.datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = dt.datetime.combine(day, end, tzinfo=zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", _("The session must end after it starts."))
        return data

    @classmethod
    def initial_for(cls, session) -> dict:
        starts = timezone.localtime(session.starts_at)
        ends = timezone.localtime(session.ends_at)
        return {
            "kind": session.kind,
            "run": session.run_id,
            "title": session.title,
            "organiser": session.organiser,
            "room": session.room_id,
            "date": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "rrule": session.rrule,
            "excluded_dates": ", ".join(
                timezone.localtime(o.starts_at).date().isoformat()
                for o in session.occurrences.all()
                if o.is_excluded
            ),
            "instructors": [u.pk for u in session.instructors.all()],
            "description": session.description,
            "materials": [d.pk for d in session.materials.all()],
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the learners)"), required=False, max_length=300
    )


class RosterForm(forms.Form):
    """One status field per learner on the roster: `learner_<id>`."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"learner_{row.learner.pk}"] = forms.ChoiceField(
                label=row.learner.display_name,
                choices=AttendanceStatus.choices,
                required=False,
                initial=row.status or None,
                widget=forms.RadioSelect,
            )

    def marks(self) -> dict[int, str]:
        return {
            int(name.removeprefix("learner_")): value
            for name, value in self.cleaned_data.items()
            if value
        }
