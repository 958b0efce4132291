"""Who hears about the town's requests, bookings and broken links."""

from django.db.models import Q

from lms.accounts.models import Role, User


def staff_emails() -> list[str]:
    """The e-mail addresses of the center's staff (the Staff role), active ones."""
    return sorted(
        set(
            User.objects.filter(is_active=True)
            .filter(Q(groups__name=Role.STAFF.value) | Q(is_superuser=True))
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
