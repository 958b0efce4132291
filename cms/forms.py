"""Forms of the town's views: directory filters, bookings, events, profiles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ServiceAudience, ServiceKind, SpaceKind


def _blank(choices, label):
    return [("", label), *choices]


class ServiceFilterForm(forms.Form):
    """The directory's filters: space, kind, audience and words."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    space = forms.ChoiceField(
        label=_("Space"), required=False, choices=_blank(SpaceKind.choices, _("All"))
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_blank(ServiceKind.choices, _("All"))
    )
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=_blank(ServiceAudience.choices, _("All")),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "space": data["space"],
            "kind": data["kind"],
            "audience": data["audience"],
            "query": data["q"].strip(),
        }
