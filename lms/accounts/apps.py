from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import (
            password_changed,
            password_set,
            user_logged_in,
        )
        from allauth.mfa.signals import (
            authenticator_added,
            authenticator_removed,
            authenticator_reset,
        )

        from .gates import sessions_end_others, sign_in_duties_set

        def _on_sign_in(sender, request, user, **kwargs):
            sign_in_duties_set(request=request, user=user)

        def _on_credentials_changed(sender, request, user, **kwargs):
            sessions_end_others(request=request, user=user)

        user_logged_in.connect(
            _on_sign_in, weak=False, dispatch_uid="accounts_sign_in_duties"
        )
        for signal in (
            password_changed,
            password_set,
            authenticator_added,
            authenticator_removed,
            authenticator_reset,
        ):
            signal.connect(
                _on_credentials_changed,
                weak=False,
                dispatch_uid=f"accounts_end_other_sessions_{id(signal)}",
            )
