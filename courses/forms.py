from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ResourceKind


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + ResourceKind.choices
    )
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }
