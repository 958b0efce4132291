"""Reads about people."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessLog
from django.contrib.auth.models import Group
from django.db.models import OuterRef, Q, QuerySet, Subquery

from .models import (
    AccountDeletionRequest,
    Consent,
    ConsentItemVersion,
    ConsentPurpose,
    PrivacyPolicyPage,
    User,
)
from .personal_data import personal_data_providers


def user_personal_data(*, user: User) -> dict[str, Any]:
    """Everything Campus holds about `user`, and nothing about anyone else."""
    organization = user.organization
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "name_ko": user.name_ko,
            "name_en": user.name_en,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "birth_date": user.birth_date.isoformat() if user.birth_date else None,
            "roles": list(
                Group.objects.filter(user=user).values_list("name", flat=True)
            ),
            "email_addresses": list(
                user.emailaddress_set.values("email", "verified", "primary")
            ),
        },
        "organization": (
            {
                "name": organization.name,
                "name_en": organization.name_en,
                "type": organization.type,
                "region": organization.region,
            }
            if organization
            else None
        ),
        "consents": consent_history(user=user),
        "guardian_consents": [
            {
                "guardian_name": row.guardian_name,
                "guardian_contact": row.guardian_contact,
                "relationship": row.relationship,
                "method": row.method,
                "recorded_at": row.recorded_at.isoformat(),
            }
            for row in user.guardian_consents.all()
        ],
        "linked_sign_in_providers": [
            {
                "provider": account.provider,
                "uid": account.uid,
                "linked_at": account.date_joined.isoformat(),
                "last_login": account.last_login.isoformat(),
            }
            for account in SocialAccount.objects.filter(user=user)
        ],
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "sign_in_history": [
            {
                "at": row.attempt_time.isoformat(),
                "ip_address": row.ip_address,
                "user_agent": row.user_agent,
                "signed_out_at": row.logout_time.isoformat()
                if row.logout_time
                else None,
            }
            for row in AccessLog.objects.filter(username=user.email).order_by(
                "-attempt_time"
            )[:200]
        ],
        "account_deletion_requests": [
            {
                "status": r.status,
                "reason": r.reason,
                "requested_at": r.requested_at.isoformat(),
            }
            for r in AccountDeletionRequest.objects.filter(user=user)
        ],
    }
    for key, provider in personal_data_providers().items():
        data[key] = provider(user)
    return data


def account_deletion_request_pending(*, user: User) -> AccountDeletionRequest | None:
    return AccountDeletionRequest.objects.filter(
        user=user, status=AccountDeletionRequest.Status.PENDING
    ).first()


def consent_versions_current() -> list[ConsentItemVersion]:
    """The current version of every consent item, required ones first."""
    latest = (
        ConsentItemVersion.objects.filter(item=OuterRef("item"))
        .order_by("-number")
        .values("pk")[:1]
    )
    return list(
        ConsentItemVersion.objects.filter(pk=Subquery(latest))
        .select_related("item")
        .order_by("-item__required", "item__order", "item__pk")
    )


def _latest_consent(user_ref) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user_ref, item=OuterRef("item")).order_by(
        "-recorded_at", "-pk"
    )


def consent_latest_by_item(*, user: User) -> dict[int, Consent]:
    """Where `user` stands on each item: the latest consent row per item id."""
    latest = _latest_consent(user).values("pk")[:1]
    rows = Consent.objects.filter(user=user, pk=Subquery(latest)).select_related(
        "version"
    )
    return {row.item_id: row for row in rows}


def consent_given(user: User, purpose: ConsentPurpose | str) -> bool:
    """Whether `user` consents to `purpose` now (their latest choice is yes).

    The one question upper layers ask before they share or send anything that
    needs consent: provision to partners, news by e-mail, photos.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    latest = (
        Consent.objects.filter(user=user, item__purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .values_list("given", flat=True)
        .first()
    )
    return bool(latest)


def user_filter_consenting(
    users: QuerySet, *, purpose: ConsentPurpose | str, field: str = "pk"
) -> QuerySet:
    """`users` (or any queryset whose `field` is a user id) narrowed to those who
    consent to `purpose` now; one query, for lists such as a partner's export."""
    latest_given = (
        Consent.objects.filter(user=OuterRef(field), item__purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .values("given")[:1]
    )
    return users.annotate(_consents=Subquery(latest_given)).filter(_consents=True)


def consent_versions_to_renew(*, user: User) -> list[ConsentItemVersion]:
    """The required items whose current text `user` has not agreed to."""
    current = [v for v in consent_versions_current() if v.required]
    if not current:
        return []
    latest = consent_latest_by_item(user=user)
    return [
        version
        for version in current
        if not (
            (row := latest.get(version.item_id)) is not None
            and row.given
            and row.version_id == version.pk
        )
    ]


def consent_history(*, user: User) -> list[dict[str, Any]]:
    """Every consent `user` gave or withdrew, newest first, for the export."""
    return [
        {
            "purpose": row.item.purpose,
            "item": row.version.title,
            "version": row.version.number,
            "given": row.given,
            "method": row.method,
            "recorded_at": row.recorded_at.isoformat(),
        }
        for row in Consent.objects.filter(user=user).select_related("item", "version")
    ]


def user_verified_email(*, user: User) -> str | None:
    """The verified e-mail of `user`, or None (e.g. a Kakao account without one).

    Anything that needs to reach the person by e-mail (notices, certificates)
    asks this first.
    """
    return (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary")
        .values_list("email", flat=True)
        .first()
    )


def user_needs_email(*, user: User) -> bool:
    return not EmailAddress.objects.filter(user=user, verified=True).exists()


def privacy_policy_list() -> list[PrivacyPolicyPage]:
    """Every published version, newest first: the policy's public history.

    In the reader's language, or in the site's default language where the
    policy has no translation yet; one query.
    """
    from django.conf import settings
    from django.utils import translation
    from wagtail.coreutils import get_supported_content_language_variant

    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        wanted = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        wanted = default
    rows = list(
        PrivacyPolicyPage.objects.live()
        .filter(locale__language_code__in={wanted, default})
        .select_related("locale")
        .order_by("-number")
    )
    own = [row for row in rows if row.locale.language_code == wanted]
    return own or [row for row in rows if row.locale.language_code == default]


def _in_effect(versions: list[PrivacyPolicyPage]) -> PrivacyPolicyPage | None:
    from django.utils import timezone

    today = timezone.localdate()
    return next((v for v in versions if v.effective_from <= today), None)


def privacy_policy_current() -> PrivacyPolicyPage | None:
    """The newest version of the privacy policy already in effect."""
    return _in_effect(privacy_policy_list())


def privacy_policy_context(*, number: int | None) -> dict[str, Any]:
    """What the policy page shows: version `number` (or the one in effect), the
    one in effect, and the history. `policy` is None when there is no such
    version."""
    versions = privacy_policy_list()
    current = _in_effect(versions)
    if number is None:
        shown = current
    else:
        shown = next((v for v in versions if v.number == number), None)
    return {"policy": shown, "current": current, "versions": versions}


GUARDIAN_AGE = 14


def user_age(*, user: User, today=None) -> int | None:
    if user.birth_date is None:
        return None
    from django.utils import timezone

    today = today or timezone.localdate()
    born = user.birth_date
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def user_needs_guardian_consent(*, user: User) -> bool:
    """Whether `user` is under 14 without a guardian's consent on record.

    No query for anyone whose date of birth is unknown or who is 14 or older.
    """
    age = user_age(user=user)
    if age is None or age >= GUARDIAN_AGE:
        return False
    from .models import GuardianConsent

    return not GuardianConsent.objects.filter(user=user).exists()


def user_exclude_withdrawn(
    users: QuerySet, *, purpose: ConsentPurpose | str, field: str = "pk"
) -> QuerySet:
    """`users` (or any queryset whose `field` is a user id) without those whose
    latest choice on `purpose` is a withdrawal; one query.

    For records a third party brought in itself (a partner's own learners):
    they are shared until the person withdraws, and never from then on.
    """
    latest_given = (
        Consent.objects.filter(user=OuterRef(field), item__purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .values("given")[:1]
    )
    # no choice yet (NULL) counts as not withdrawn; SQL's NOT would drop it
    return users.annotate(_consent_latest=Subquery(latest_given)).filter(
        Q(_consent_latest__isnull=True) | Q(_consent_latest=True)
    )
