"""Reads about people."""

from typing import Any

from django.contrib.auth.models import Group

from .models import AccountDeletionRequest, User
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
