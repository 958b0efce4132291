"""The form a request page shows: the editor's fields, a reply address for
visitors who are not signed in, one consent box per purpose and a honeypot."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website_url"


def consent_label(purpose) -> str:
    return _(
        "I agree to the collection and use of my personal information for: "
        "%(purpose)s (items: %(items)s; kept for %(months)d months)"
    ) % {
        "purpose": purpose.purpose,
        "items": purpose.items,
        "months": purpose.retention_months,
    }


def request_form_class(page, base):
    """A subclass of the form builder's form with Campus's extra fields."""
    purposes = list(page.consents.all())

    class RequestForm(base):
        def __init__(self, *args, user=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.user = user
            self.purposes = purposes
            if user is None or not user.is_authenticated:
                self.fields["reply_email"] = forms.EmailField(
                    label=_("Your e-mail address, for our answer"), max_length=254
                )
            for purpose in purposes:
                required = purpose.required
                self.fields[f"consent_{purpose.pk}"] = forms.BooleanField(
                    label=consent_label(purpose),
                    required=required,
                    help_text=_("Required") if required else _("Optional"),
                    error_messages={
                        "required": _(
                            "Without this consent we cannot take the request."
                        )
                    },
                )
            self.fields[HONEYPOT] = forms.CharField(
                label=_("Leave this empty"), required=False
            )

        @property
        def is_spam(self) -> bool:
            return bool(self.data.get(HONEYPOT))

        def answers(self) -> dict:
            skip = {HONEYPOT, "reply_email"} | {f"consent_{p.pk}" for p in purposes}
            return {
                key: value
                for key, value in self.cleaned_data.items()
                if key not in skip
            }

        def consent(self) -> list[dict]:
            return [
                {
                    "purpose": p.purpose,
                    "items": p.items,
                    "retention_months": p.retention_months,
                    "required": p.required,
                    "given": bool(self.cleaned_data.get(f"consent_{p.pk}")),
                }
                for p in purposes
            ]

    return RequestForm
