"""Forms of social learning: they parse and validate; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    BodyFormat,
    EmailMode,
    FillStrategy,
    FlagReason,
    JoinPolicy,
    ThreadKind,
)
from .services.forums import BODY_MAX, TITLE_MAX

BODY_HELP = _(
    "Markdown: **bold**, *italic*, [link](https://…), lists with - . "
    "Mention someone with @ and their name, e.g. @홍길동."
)


class _BodyMixin(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=BODY_HELP,
    )
    body_format = forms.ChoiceField(
        label=_("Format"), choices=BodyFormat.choices, initial=BodyFormat.MARKDOWN
    )


class ThreadForm(_BodyMixin):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ThreadKind.choices, initial=ThreadKind.DISCUSSION
    )
    pin = forms.BooleanField(label=_("Pin to the top"), required=False)

    field_order = ["kind", "title", "body", "body_format", "pin"]

    def __init__(self, *args, can_moderate: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_moderate:
            self.fields["kind"].choices = [
                choice
                for choice in ThreadKind.choices
                if choice[0] != ThreadKind.ANNOUNCEMENT
            ]
            del self.fields["pin"]


class ThreadEditForm(_BodyMixin):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    field_order = ["title", "body", "body_format"]


class PostEditForm(_BodyMixin):
    pass


class ReplyForm(_BodyMixin):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"), choices=FlagReason.choices
    )
    comment = forms.CharField(
        label=_("Anything to add (optional)"), max_length=500, required=False
    )


class BanForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
    days = forms.IntegerField(
        label=_("Days"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=_("Leave empty for a ban with no end."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (for the log)"), max_length=500, required=False
    )


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("E-mail me"), choices=EmailMode.choices, widget=forms.RadioSelect
    )


class StudyGroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("What the group will do"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    member_limit = forms.IntegerField(
        label=_("Member limit"), min_value=2, max_value=200, initial=8
    )
    join_policy = forms.ChoiceField(label=_("Who may join"), choices=JoinPolicy.choices)
    run = forms.TypedChoiceField(
        label=_("Course run"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Only its learners may join. Leave empty for anyone at the center."
        ),
    )

    def __init__(self, *args, runs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].choices = [("", _("Anyone at the center"))] + [
            (run.pk, str(run)) for run in runs
        ]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Their e-mail address"))


class _WhenForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    place = forms.CharField(
        label=_("Place in the town"),
        max_length=200,
        required=False,
        help_text=_("e.g. Organization town, meeting room 3"),
    )
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_url"):
            raise forms.ValidationError(
                _("Give a place in the town or an online link.")
            )
        return data


class MeetingForm(_WhenForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["title", "starts_at", "ends_at", "place", "online_url", "notes"]


class SlotForm(_WhenForm):
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=50, initial=1)
    field_order = ["topic", "starts_at", "ends_at", "places", "place", "online_url"]


class BookingForm(forms.Form):
    note = forms.CharField(label=_("What you would like to talk about"), max_length=500)


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False
    )


class FillForm(forms.Form):
    strategy = forms.ChoiceField(label=_("How"), choices=FillStrategy.choices)
    cohort_count = forms.IntegerField(
        label=_("Cohorts to make (round-robin, when the run has none)"),
        min_value=1,
        max_value=50,
        required=False,
        initial=2,
    )


class PeerReviewSettingsForm(forms.Form):
    is_enabled = forms.BooleanField(
        label=_("Peer review on"), required=False, initial=True
    )
    reviewers_per_submission = forms.IntegerField(
        label=_("Reviewers per submission"), min_value=1, max_value=5, initial=2
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonymous"), required=False, initial=True
    )
    review_days = forms.IntegerField(
        label=_("Days to review"), min_value=1, max_value=60, initial=7
    )
    instructions = forms.CharField(
        label=_("Instructions for reviewers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
