"""allauth's account adapter, kept to what Campus changes in it.

Only one thing: no mail is ever sent to the stand-in address of an account a
provider gave no e-mail for (see `lms.accounts.social`). Where people land
after sign-in stays allauth's default here; a redirect by role belongs beside
this in the same class.
"""

from allauth.account.adapter import DefaultAccountAdapter

from .social import is_placeholder_email


class CampusAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        if is_placeholder_email(email):
            return
        super().send_mail(template_prefix, email, context)
