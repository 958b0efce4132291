"""Writes about people: check, write in one transaction, notify after commit."""

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.mail import mail_queue

from .models import AccountDeletionRequest, User


class AccountError(Exception):
    """A refused account action, with a message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def profile_update(*, user: User, data: dict) -> User:
    """Save the editable profile fields of `user`."""
    editable = {"name_ko", "name_en", "phone", "organization", "preferred_language"}
    unknown = set(data) - editable
    if unknown:
        raise AccountError(_("These fields cannot be changed here."))
    for field, value in data.items():
        setattr(user, field, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(data))
    return user


def account_deletion_request_create(
    *, user: User, reason: str = ""
) -> AccountDeletionRequest:
    """Record that `user` asks for their account to be deleted; staff are told."""
    from .tasks import account_deletion_request_notify

    try:
        with transaction.atomic():
            request = AccountDeletionRequest.objects.create(user=user, reason=reason)
    except IntegrityError as error:
        raise AccountError(
            _("You have already asked for your account to be deleted.")
        ) from error
    transaction.on_commit(partial(account_deletion_request_notify.delay, request.pk))
    return request


def account_deletion_request_notify(*, request_id: int) -> bool:
    """E-mail staff about a deletion request, once. Returns whether mail was sent."""
    with transaction.atomic():
        request = (
            AccountDeletionRequest.objects.select_for_update()
            .select_related("user")
            .get(pk=request_id)
        )
        if request.staff_notified_at is not None:
            return False
        request.staff_notified_at = timezone.now()
        request.save(update_fields=["staff_notified_at"])
    recipients = list(settings.STAFF_NOTIFICATION_EMAILS) or list(
        User.objects.filter(is_superuser=True, is_active=True).values_list(
            "email", flat=True
        )
    )
    if recipients:
        mail_queue(
            subject=f"[Campus] Account deletion request #{request.pk}",
            body=(
                f"{request.user.email} asked on {request.requested_at:%Y-%m-%d %H:%M} "
                f"for their account to be deleted.\n\nReason: {request.reason or '-'}"
            ),
            to=recipients,
            dedupe_key=f"account-deletion:{request.pk}",
        )
    return True


@transaction.atomic
def account_deletion_process(
    *, request: AccountDeletionRequest, staff: User
) -> AccountDeletionRequest:
    """Carry out a deletion request: the person's data is erased, the row kept.

    The user row is anonymised rather than deleted so that records others rely
    on (attendance, grades, issued certificates) keep their integrity without
    naming the person.
    """
    request = AccountDeletionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccountDeletionRequest.Status.PENDING:
        raise AccountError(_("This request has already been handled."))
    user = User.objects.select_for_update().get(pk=request.user_id)
    user.emailaddress_set.all().delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.name_ko = user.name_en = user.phone = ""
    user.organization = None
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    request.status = AccountDeletionRequest.Status.COMPLETED
    request.reason = ""
    request.processed_at = timezone.now()
    request.processed_by = staff
    request.save()
    return request


@transaction.atomic
def account_deletion_reject(
    *, request: AccountDeletionRequest, staff: User, note: str
) -> AccountDeletionRequest:
    """Decline a deletion request, with a note saying why."""
    request = AccountDeletionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != AccountDeletionRequest.Status.PENDING:
        raise AccountError(_("This request has already been handled."))
    request.status = AccountDeletionRequest.Status.REJECTED
    request.staff_note = note
    request.processed_at = timezone.now()
    request.processed_by = staff
    request.save()
    return request
