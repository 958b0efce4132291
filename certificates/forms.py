"""Forms of the verification page and the staff screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CertificateBatchMode


class LookupForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=40,
        help_text=_("As printed on the certificate, e.g. JBSE-2026-000123."),
    )
    name = forms.CharField(
        label=_("Name of the holder"),
        max_length=100,
        help_text=_("In Korean or in English, as on the certificate."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the record; verifiers see only that it is revoked."),
    )


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("What was corrected"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)


class BatchForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=CertificateBatchMode.choices,
        widget=forms.RadioSelect,
        initial=CertificateBatchMode.ISSUE_MISSING,
    )
    reason = forms.CharField(
        label=_("What was corrected (for a reissue)"), max_length=300, required=False
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("valid", _("Valid")),
            ("revoked", _("Revoked")),
            ("superseded", _("Replaced")),
        ],
    )
