"""What a person must do at sign-in before they continue.

Two duties are decided when someone signs in through allauth (its own
`user_logged_in` signal, which `Client.force_login` does not send) and kept in
the session, so that later requests cost no query:

- staff, superusers and partner administrators without a second factor are
  sent to set one up before any staff page, once their grace period is over;
- anyone whose agreement to a required consent item is missing or out of date
  is asked again before they continue.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Role, User

MFA_SESSION_KEY = "accounts_mfa_setup_required"
CONSENT_SESSION_KEY = "accounts_consent_renewal"


def user_owes_mfa(user: User) -> bool:
    """Whether `user`'s role requires two-factor sign-in."""
    return bool(user.is_staff or user.is_superuser or user.has_role(Role.PARTNER))


def user_has_second_factor(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user,
        type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
    ).exists()


def sign_in_duties_set(*, request, user: User) -> None:
    """Decide, at sign-in, what `user` must do before they continue."""
    from .selectors import consent_versions_to_renew

    if consent_versions_to_renew(user=user):
        request.session[CONSENT_SESSION_KEY] = True
    if user_owes_mfa(user) and not user_has_second_factor(user):
        now = timezone.now()
        if user.mfa_required_since is None:
            user.mfa_required_since = now
            user.save(update_fields=["mfa_required_since"])
        deadline = user.mfa_required_since + timedelta(
            days=settings.ACCOUNTS_STAFF_MFA_GRACE_DAYS
        )
        if now >= deadline:
            request.session[MFA_SESSION_KEY] = True
        else:
            messages.warning(
                request,
                _(
                    "Your role needs two-factor sign-in. Please set it up before "
                    "%(date)s; after that, staff pages wait until you do."
                )
                % {"date": formats.date_format(timezone.localtime(deadline))},
            )


def sessions_end_others(*, request, user: User) -> int:
    """End every session of `user` but this one (after a password change or a
    change of second factor). Returns how many ended."""
    from allauth.usersessions.models import UserSession

    current = request.session.session_key
    ended = 0
    for session in UserSession.objects.filter(user=user).exclude(session_key=current):
        session.end()
        ended += 1
    return ended
