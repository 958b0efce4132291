"""The provider sign-up form: consent items (from the base) and no silent merge."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.forms import SignupForm

from .models import User


class CampusSocialSignupForm(SignupForm):
    """When the provider vouches for an e-mail that an account already has, the
    person is asked to sign in to that account and link the provider there.

    Only for an address the provider verified: a typed address keeps allauth's
    answer that reveals nothing about who has an account.
    """

    def validate_unique_email(self, value):
        vouched = {
            address.email.lower()
            for address in self.sociallogin.email_addresses
            if address.verified
        }
        email = (value or "").lower()
        if email in vouched and (
            EmailAddress.objects.filter(email__iexact=email).exists()
            or User.objects.filter(email__iexact=email).exists()
        ):
            raise get_adapter().validation_error(
                "email_taken", self.sociallogin.provider.name
            )
        return super().validate_unique_email(value)
