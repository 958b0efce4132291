"""django-allauth's account adapter: what Campus changes in allauth's behaviour.

- Where people land after signing in: by role (`lms.core.landing`), unless the
  request carries a safe `next`.
- No mail is ever sent to the stand-in address of an account a provider gave
  no e-mail for (see `lms.accounts.social`).
"""

from allauth.account.adapter import DefaultAccountAdapter

from lms.core.landing import landing_url_for

from .social import is_placeholder_email


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # allauth asks this only when the request has no safe `next`
        return landing_url_for(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        if is_placeholder_email(email):
            return
        super().send_mail(template_prefix, email, context)
