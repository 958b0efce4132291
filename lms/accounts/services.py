"""Writes about people: check, write in one transaction, notify after commit."""

import datetime
from functools import partial

from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from axes.models import AccessLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import CampusError
from lms.core.mail import mail_queue

from .models import (
    CONSENT_TEXT_FIELDS,
    AccountDeletionRequest,
    Consent,
    ConsentItem,
    ConsentItemVersion,
    ConsentPurpose,
    PrivacyPolicyIndexPage,
    PrivacyPolicyPage,
    User,
)


class AccountError(CampusError):
    """A refused account action, with a message for the user."""

    code = "account"


@transaction.atomic
def profile_update(*, user: User, data: dict) -> User:
    """Save the editable profile fields of `user`."""
    editable = {
        "name_ko",
        "name_en",
        "phone",
        "organization",
        "preferred_language",
        "birth_date",
    }
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
    # sign-in ways and devices go; consent records stay as evidence, naming
    # nobody once the row is anonymised
    SocialAccount.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    AccessLog.objects.filter(username=user.email).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.name_ko = user.name_en = user.phone = ""
    user.birth_date = None
    user.guardian_consents.all().delete()
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


@transaction.atomic
def consent_item_save(*, item: ConsentItem) -> ConsentItemVersion:
    """Save `item`; a changed text (or a first save) is frozen as a new version.

    When a required item gets a new version, everyone is asked again at their
    next sign-in (see `consent_versions_to_renew`).
    """
    item.full_clean()
    item.save()
    latest = (
        ConsentItemVersion.objects.select_for_update()
        .filter(item=item)
        .order_by("-number")
        .first()
    )
    text = {field: getattr(item, field) for field in CONSENT_TEXT_FIELDS}
    if latest is not None and all(
        getattr(latest, field) == value for field, value in text.items()
    ):
        return latest
    return ConsentItemVersion.objects.create(
        item=item, number=(latest.number + 1) if latest else 1, **text
    )


@transaction.atomic
def consents_record(
    *,
    user: User,
    choices: dict[ConsentItemVersion, bool],
    method: str,
    recorded_by: User | None = None,
) -> list[Consent]:
    """Record `user`'s answer to each version in `choices` (True = consents).

    A required item answered no is refused and nothing is written. A row is
    written only where the answer or the version differs from the person's
    latest one, so asking twice leaves one record.
    """
    from .selectors import consent_latest_by_item

    refused = [v for v, given in choices.items() if v.required and not given]
    if refused:
        raise AccountError(
            _("Please agree to the required items: %(items)s")
            % {"items": ", ".join(v.title for v in refused)}
        )
    User.objects.select_for_update().filter(pk=user.pk).first()
    latest = consent_latest_by_item(user=user)
    now = timezone.now()
    rows = []
    for version, given in choices.items():
        previous = latest.get(version.item_id)
        if (
            previous is not None
            and previous.given == given
            and (previous.version_id == version.pk or not given)
        ):
            continue
        if previous is None and not given and method != Consent.Method.PAPER:
            # an optional item never agreed to is simply not given: nothing to
            # withdraw, and the absence of a row already says no
            continue
        rows.append(
            Consent(
                user=user,
                version=version,
                item_id=version.item_id,
                given=given,
                method=method,
                recorded_at=now,
                recorded_by=recorded_by,
            )
        )
    return Consent.objects.bulk_create(rows)


def _current_version(purpose: str) -> ConsentItemVersion:
    version = (
        ConsentItemVersion.objects.select_related("item")
        .filter(item__purpose=purpose)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise AccountError(_("There is no such consent item."))
    return version


@transaction.atomic
def consent_withdraw(
    *, user: User, purpose: ConsentPurpose | str, method: str = Consent.Method.PROFILE
) -> Consent | None:
    """Withdraw `user`'s consent to an optional `purpose`, from this moment.

    A required item cannot be withdrawn on its own: without it Campus cannot
    hold the account, so the way out is the account deletion request.
    """
    version = _current_version(purpose)
    if version.item.required:
        raise AccountError(
            _(
                "This item is required to use Campus. To withdraw it, ask for "
                "your account to be deleted."
            )
        )
    rows = consents_record(user=user, choices={version: False}, method=method)
    return rows[0] if rows else None


@transaction.atomic
def consent_give(
    *, user: User, purpose: ConsentPurpose | str, method: str = Consent.Method.PROFILE
) -> Consent | None:
    """Record that `user` agrees to the current version of `purpose`."""
    version = _current_version(purpose)
    rows = consents_record(user=user, choices={version: True}, method=method)
    return rows[0] if rows else None


@transaction.atomic
def privacy_policy_version_add(
    *,
    effective_from: datetime.date,
    body_ko: str,
    body_en: str,
    changes_ko: str = "",
    changes_en: str = "",
    user: User | None = None,
) -> PrivacyPolicyPage:
    """Publish the next version of the privacy policy, in Korean and English.

    The same as staff adding a child of the policy page in the admin and
    translating it: a Korean page, numbered after the last one, and its English
    translation, each with a published revision. Returns the Korean page.
    """
    from wagtail.models import Locale

    index = (
        PrivacyPolicyIndexPage.objects.select_for_update()
        .filter(locale__language_code="ko")
        .first()
    )
    if index is None:
        raise AccountError(_("There is no privacy policy page to add a version to."))
    highest = (
        PrivacyPolicyPage.objects.child_of(index)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    number = (highest or 0) + 1
    korean = PrivacyPolicyPage(
        title=index.title,
        slug=f"v{number}",
        number=number,
        effective_from=effective_from,
        body=body_ko,
        changes=changes_ko,
        live=False,
    )
    try:
        index.add_child(instance=korean)
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from error
    korean.save_revision(user=user).publish(user=user)
    english = korean.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0], copy_parents=True
    ).specific
    english.body, english.changes = body_en, changes_en
    english.title = english.get_parent().title
    english.save_revision(user=user).publish(user=user)
    return korean


@transaction.atomic
def guardian_consent_record(
    *,
    user: User,
    guardian_name: str,
    guardian_contact: str,
    method: str,
    relationship: str = "",
    recorded_by: User | None = None,
):
    """Record, on staff's word, that a child's legal guardian consents."""
    from .models import GuardianConsent

    consent = GuardianConsent(
        user=user,
        guardian_name=guardian_name.strip(),
        guardian_contact=guardian_contact.strip(),
        relationship=relationship.strip(),
        method=method,
        recorded_by=recorded_by,
    )
    consent.full_clean()
    consent.save()
    return consent
