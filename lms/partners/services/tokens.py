"""Writes about API tokens: create (shown once), rotate, revoke, audit."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import PartnerError
from ..models import ApiToken, ApiTokenUse, PartnerInstitution, Scope
from ..models.tokens import token_hash, token_secret_new

ROTATION_GRACE = timedelta(hours=24)
MAX_LIFETIME_DAYS = 730


def _scopes_clean(scopes) -> list[str]:
    allowed = set(Scope.values)
    cleaned = sorted({str(scope) for scope in scopes or []})
    unknown = [scope for scope in cleaned if scope not in allowed]
    if unknown:
        raise PartnerError(
            _("Unknown scopes: %(scopes)s") % {"scopes": ", ".join(unknown)},
            code="invalid_scope",
        )
    if not cleaned:
        raise PartnerError(_("Choose at least one scope."), code="invalid_scope")
    return cleaned


@transaction.atomic
def api_token_create(
    *,
    institution: PartnerInstitution,
    name: str,
    scopes,
    expires_in_days: int | None = 365,
    actor=None,
    rate_per_minute: int = 120,
) -> tuple[ApiToken, str]:
    """A new token of `institution`: (the stored token, the whole token).

    The whole token is returned once and never stored: only its hash is.
    """
    name = (name or "").strip()
    if not name:
        raise PartnerError(_("Give the token a name."), code="invalid_name")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_LIFETIME_DAYS:
        raise PartnerError(
            _("A token lives between 1 and %(days)s days.")
            % {"days": MAX_LIFETIME_DAYS},
            code="invalid_expiry",
        )
    lookup, raw = token_secret_new()
    token = ApiToken.objects.create(
        institution=institution,
        name=name[:100],
        lookup=lookup,
        hashed=token_hash(raw),
        scopes=_scopes_clean(scopes),
        rate_per_minute=rate_per_minute,
        created_by=actor,
        expires_at=(
            timezone.now() + timedelta(days=expires_in_days)
            if expires_in_days
            else None
        ),
    )
    return token, raw


@transaction.atomic
def api_token_rotate(
    *, token: ApiToken, actor=None, grace: timedelta = ROTATION_GRACE
) -> tuple[ApiToken, str]:
    """Replace `token` by a new one with the same scopes; the old one stays
    valid for `grace` so that the partner can deploy the new one."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not token.is_usable() or token.rotated_to_id:
        raise PartnerError(
            _("Only a valid token that was not rotated yet can be rotated."),
            code="not_rotatable",
        )
    lifetime = None
    if token.expires_at is not None:
        lifetime = max((token.expires_at - token.created_at).days, 1)
    new, raw = api_token_create(
        institution=token.institution,
        name=token.name,
        scopes=token.scopes,
        expires_in_days=min(lifetime, MAX_LIFETIME_DAYS) if lifetime else None,
        actor=actor,
        rate_per_minute=token.rate_per_minute,
    )
    token.grace_until = timezone.now() + grace
    token.rotated_to = new
    token.save(update_fields=["grace_until", "rotated_to"])
    return new, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor=None) -> ApiToken:
    """Revoke at once. Revoking twice keeps the first time."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db()
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The usable token that `raw` is, or None (unknown, expired, revoked)."""
    parts = (raw or "").split("_")
    if len(parts) < 3 or parts[0] != "cps":
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("institution")
        .filter(lookup=parts[1])
        .first()
    )
    if token is None or not token.matches(raw):
        return None
    return token


def api_token_use_record(
    *,
    token: ApiToken | None,
    method: str,
    path: str,
    status: int,
    ip: str | None,
    outcome: str = "",
) -> None:
    """Write one line of the audit log (and the token's last use)."""
    now = timezone.now()
    ApiTokenUse.objects.create(
        token=token,
        institution_id=token.institution_id if token else None,
        at=now,
        method=method[:8],
        path=path[:300],
        status=status,
        ip=ip,
        outcome=outcome[:32],
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
