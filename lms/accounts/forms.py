from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "name_ko",
            "name_en",
            "phone",
            "organization",
            "preferred_language",
            "birth_date",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "birth_date": forms.DateInput(
                attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"
            ),
        }


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you leaving? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted."),
        required=True,
    )


CONSENT_PREFIX = "consent_"


class ConsentFieldsMixin:
    """One checkbox per consent item version, none ticked, and "agree to all".

    Checked by the server, not by script: "agree to all" ticks every box when
    the form is read, and a required box left empty is an error on that box.
    """

    def add_consent_fields(self, versions) -> None:
        self.consent_versions = list(versions)
        if len(self.consent_versions) > 1:
            self.fields["consent_all"] = forms.BooleanField(
                label=_("I agree to all items below, required and optional."),
                required=False,
            )
        for version in self.consent_versions:
            self.fields[f"{CONSENT_PREFIX}{version.item.purpose}"] = forms.BooleanField(
                label=(
                    _("I agree (required)")
                    if version.required
                    else _("I agree (optional)")
                ),
                required=False,
            )

    def clean_consents(self, cleaned_data: dict) -> None:
        agree_all = cleaned_data.get("consent_all")
        for version in self.consent_versions:
            name = f"{CONSENT_PREFIX}{version.item.purpose}"
            if agree_all:
                cleaned_data[name] = True
            if version.required and not cleaned_data.get(name):
                self.add_error(
                    name,
                    _("Please agree to this required item to continue."),
                )

    def consent_choices(self) -> dict:
        return {
            version: bool(
                self.cleaned_data.get(f"{CONSENT_PREFIX}{version.item.purpose}")
            )
            for version in self.consent_versions
        }

    def consent_rows(self):
        """(version, bound checkbox) pairs, required ones first."""
        return [
            (version, self[f"{CONSENT_PREFIX}{version.item.purpose}"])
            for version in self.consent_versions
        ]

    def consent_groups(self):
        """("required", rows) and ("optional", rows), for showing them apart."""
        rows = self.consent_rows()
        return [
            ("required", [row for row in rows if row[0].required]),
            ("optional", [row for row in rows if not row[0].required]),
        ]

    def other_fields(self):
        """The form's own fields (e-mail, password), without the consent boxes."""
        return [
            field
            for field in self
            if not field.name.startswith(CONSENT_PREFIX) and field.name != "consent_all"
        ]


class ConsentSignupForm(ConsentFieldsMixin, forms.Form):
    """Added by allauth to every sign-up form, by e-mail and by provider alike."""

    def __init__(self, *args, **kwargs):
        from .selectors import consent_versions_current, privacy_policy_current

        super().__init__(*args, **kwargs)
        self.add_consent_fields(consent_versions_current())
        self.privacy_policy = privacy_policy_current()

    def clean(self):
        cleaned_data = super().clean()
        self.clean_consents(cleaned_data)
        return cleaned_data

    def signup(self, request, user) -> None:
        from .models import Consent
        from .services import consents_record

        method = (
            Consent.Method.PROVIDER
            if getattr(self, "sociallogin", None) is not None
            else Consent.Method.FORM
        )
        consents_record(user=user, choices=self.consent_choices(), method=method)


class ConsentRenewalForm(ConsentFieldsMixin, forms.Form):
    """The required items whose text changed since the person last agreed."""

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_consent_fields(versions)

    def clean(self):
        cleaned_data = super().clean()
        self.clean_consents(cleaned_data)
        return cleaned_data
