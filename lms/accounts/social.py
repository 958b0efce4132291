"""Sign-in with Kakao, Naver and Google (django-allauth's socialaccount).

Kakao may hand over no e-mail address. Campus then keys the account on the
provider's user id: the user row carries a placeholder address in the reserved
`.invalid` domain, which never receives mail and is never an `EmailAddress`,
so `user_verified_email` answers None until the person adds and verifies one.
"""

from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import Http404, HttpRequest

PLACEHOLDER_DOMAIN = "no-email.invalid"


def placeholder_email(*, provider: str, uid: str) -> str:
    """The stand-in address of an account that a provider gave no e-mail for."""
    return f"{provider}-{uid}@{PLACEHOLDER_DOMAIN}".lower()


def is_placeholder_email(email: str) -> bool:
    return email.lower().endswith("@" + PLACEHOLDER_DOMAIN)


class ProviderNotConfigured(SocialApp.DoesNotExist, Http404):
    """A provider whose keys are not set: its pages are not found (not a 500)."""


class CampusSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Names from the provider's profile; no-e-mail accounts keyed on the uid."""

    def get_app(self, request, provider, client_id=None):
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as error:
            raise ProviderNotConfigured(provider) from error

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data):
        user = super().populate_user(request, sociallogin, data)
        extra = sociallogin.account.extra_data or {}
        name = (
            data.get("name")
            or data.get("username")
            or extra.get("name")
            or extra.get("nickname")
            or ""
        )
        if name and not (user.name_ko or user.name_en):
            user.name_ko = name[:100]
        return user

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form=None):
        user = sociallogin.user
        user.set_unusable_password()
        if form:
            from allauth.account.adapter import get_adapter

            get_adapter(request).save_user(request, user, form, commit=False)
        placeholder = ""
        if not user.email:
            placeholder = placeholder_email(
                provider=sociallogin.account.provider, uid=sociallogin.account.uid
            )
            user.email = placeholder
        sociallogin.save(request)
        if placeholder:
            # the stand-in is no address: it must never be offered for mail,
            # verification or password reset
            EmailAddress.objects.filter(user=user, email=placeholder).delete()
        return user
