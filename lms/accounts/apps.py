from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from .gates import sign_in_duties_set

        def _on_sign_in(sender, request, user, **kwargs):
            sign_in_duties_set(request=request, user=user)

        user_logged_in.connect(
            _on_sign_in, weak=False, dispatch_uid="accounts_sign_in_duties"
        )
