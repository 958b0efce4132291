"""Forms of lodging: what a learner asks for, and the front desk's tools."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.accounts.models import User
from lms.learning.forms import RunChoiceField
from lms.learning.models import CourseRun

from .models import Bed, GenderPolicy, GuestKind, Room


class DateInput(forms.DateInput):
    input_type = "date"


class HoldForm(forms.Form):
    """A learner's request for a bed over (some of) the run's nights."""

    room_policy = forms.ChoiceField(
        label=_("Room"),
        choices=GenderPolicy.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Rooms are for women only, men only, or for families and mixed groups."
        ),
    )
    needs_accessible = forms.BooleanField(
        label=_("I need an accessible room (step-free, accessible bathroom)"),
        required=False,
    )
    keep_with_organization = forms.BooleanField(
        label=_("Put me in a room with members of my organization if possible"),
        required=False,
    )
    check_in = forms.DateField(label=_("Check-in"), widget=DateInput)
    check_out = forms.DateField(label=_("Check-out"), widget=DateInput)

    def clean(self):
        data = super().clean()
        if (
            data.get("check_in")
            and data.get("check_out")
            and data["check_out"] <= data["check_in"]
        ):
            raise forms.ValidationError(_("Check-out must be after check-in."))
        return data


class GuestStayForm(forms.Form):
    """Staff book a stay for an instructor or a guest."""

    kind = forms.ChoiceField(
        label=_("Guest type"),
        choices=[(GuestKind.INSTRUCTOR, GuestKind.INSTRUCTOR.label)]
        + [(GuestKind.GUEST, GuestKind.GUEST.label)],
    )
    guest_email = forms.EmailField(
        label=_("E-mail of a person with an account"),
        required=False,
        help_text=_("Leave empty for a guest without an account and give a name."),
    )
    guest_name = forms.CharField(label=_("Guest name"), required=False, max_length=100)
    guest_phone = forms.CharField(label=_("Guest phone"), required=False, max_length=32)
    run = RunChoiceField(
        label=_("Course run"),
        queryset=CourseRun.objects.none(),
        required=False,
        help_text=_("The run the guest comes for, if any."),
    )
    room_policy = forms.ChoiceField(label=_("Room"), choices=GenderPolicy.choices)
    needs_accessible = forms.BooleanField(
        label=_("Needs an accessible room"), required=False
    )
    check_in = forms.DateField(label=_("Check-in"), widget=DateInput)
    check_out = forms.DateField(label=_("Check-out"), widget=DateInput)
    bed = forms.ModelChoiceField(
        label=_("Bed"),
        queryset=Bed.objects.none(),
        required=False,
        empty_label=_("Choose the best free bed for me"),
    )
    staff_note = forms.CharField(label=_("Staff note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = (
            CourseRun.objects.upcoming()
            .filter(is_residential=True)
            .select_related("course")
        )
        self.fields["bed"].queryset = bed_choices()

    def clean(self):
        data = super().clean()
        email = (data.get("guest_email") or "").strip().lower()
        data["guest"] = None
        if email:
            data["guest"] = User.objects.filter(email=email).first()
            if data["guest"] is None:
                self.add_error("guest_email", _("No account uses this e-mail."))
        elif not (data.get("guest_name") or "").strip():
            self.add_error(
                "guest_name",
                _("Give the guest's name, or the e-mail of their account."),
            )
        if (
            data.get("check_in")
            and data.get("check_out")
            and data["check_out"] <= data["check_in"]
        ):
            self.add_error("check_out", _("Check-out must be after check-in."))
        return data


def bed_choices():
    return (
        Bed.objects.filter(is_active=True, room__is_active=True)
        .select_related("room__floor__building")
        .order_by("room__floor__building__code", "room__floor__number", "room__number")
    )


class BedLabelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, bed):
        room = bed.room
        return (
            f"{room.floor.building} · {room.number}-{bed.label} "
            f"({room.get_gender_policy_display()}"
            + (f", {_('accessible')}" if room.is_accessible else "")
            + ")"
        )


class BedChangeForm(forms.Form):
    bed = BedLabelChoiceField(label=_("Move to bed"), queryset=Bed.objects.none())

    def __init__(self, *args, beds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = beds if beds is not None else bed_choices()


class NightsForm(forms.Form):
    check_in = forms.DateField(label=_("Check-in"), widget=DateInput)
    check_out = forms.DateField(label=_("Check-out"), widget=DateInput)


class OutOfServiceForm(forms.Form):
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.filter(is_active=True).select_related("floor__building"),
    )
    starts_on = forms.DateField(label=_("From (first night)"), widget=DateInput)
    ends_on = forms.DateField(label=_("Until (back in use)"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=200)


def parse_month(value: str | None, default: dt.date) -> dt.date:
    """'2026-12' → 2026-12-01; anything else → `default`'s month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1)
    except (TypeError, ValueError):
        return default.replace(day=1)


def parse_day(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default


def parse_year(value: str | None, default: int) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


class RoomAdminForm(WagtailAdminModelForm):
    """The admin's room form: beds with stays on record are kept, not deleted,
    and a bed or room with stays to come stays in use until they are moved."""

    def clean(self):
        from django.utils import timezone

        from .models import LIVE, Stay

        cleaned = super().clean()
        formset = self.formsets.get("beds") if hasattr(self, "formsets") else None
        if formset is None:
            return cleaned
        today = timezone.localdate()
        for form in formset.forms:
            bed = form.instance
            if not bed.pk:
                continue
            deleting = form in formset.deleted_forms
            retiring = not form.cleaned_data.get("is_active", True)
            if not (deleting or retiring or cleaned.get("is_active") is False):
                continue
            stays = Stay.objects.filter(bed_id=bed.pk)
            if deleting and stays.exists():
                raise forms.ValidationError(
                    _(
                        "Bed %(bed)s has stays on record: mark it not in use "
                        "instead of deleting it."
                    )
                    % {"bed": bed.label}
                )
            if stays.filter(status__in=LIVE, check_out__gt=today).exists():
                raise forms.ValidationError(
                    _(
                        "Bed %(bed)s has stays to come: move them to other beds "
                        "in the lodging office first."
                    )
                    % {"bed": bed.label}
                )
        return cleaned
