"""Writes of the partner API: enrol a partner's learner, idempotently."""

import hashlib
import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.learning.models import CourseRun, Enrollment
from lms.learning.services import (
    EnrollmentError,
    enrollment_create,
    enrollment_withdraw,
)

from ..errors import PartnerConflict, PartnerError
from ..models import IdempotencyRecord, PartnerInstitution, PartnerLearner

MAX_KEY_LENGTH = 255


def request_fingerprint(data) -> str:
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder).encode()
    ).hexdigest()


@transaction.atomic
def idempotent_call(
    *,
    institution: PartnerInstitution,
    key: str,
    fingerprint: str,
    produce: Callable[[], tuple[int, dict]],
) -> tuple[int, dict, bool]:
    """(status, body, replayed): the first answer given for `key`, or a new one.

    The record is inserted before the work: a concurrent retry's insert waits
    on the unique key until this transaction ends, then replays its answer. A
    refused request rolls back with its record, so that it can be retried.
    """
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise PartnerError(
            _("Send an Idempotency-Key header (1 to 255 characters)."),
            code="idempotency_key_missing",
        )
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                institution=institution, key=key, request_hash=fingerprint
            )
    except IntegrityError:
        record = IdempotencyRecord.objects.select_for_update().get(
            institution=institution, key=key
        )
        if record.request_hash != fingerprint:
            raise PartnerError(
                _("This Idempotency-Key was used for another request."),
                code="idempotency_key_reused",
                status=422,
            ) from None
        return record.response_status, record.response_body, True
    status, body = produce()
    record.response_status = status
    record.response_body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
    record.save(update_fields=["response_status", "response_body"])
    return status, body, False


@transaction.atomic
def partner_learner_resolve(
    *, institution: PartnerInstitution, external_id: str, email: str, name: str = ""
) -> User:
    """The Campus account of the partner's learner `external_id`, made if new.

    An e-mail that already belongs to someone who is not this partner's
    learner is refused: a partner cannot claim an existing account and read
    its progress.
    """
    link = (
        PartnerLearner.objects.select_related("user")
        .filter(institution=institution, external_id=external_id)
        .first()
    )
    if link is not None:
        return link.user
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists():
        raise PartnerConflict(
            _(
                "This e-mail belongs to an existing Campus account. The learner "
                "can enrol themselves, or use another e-mail."
            ),
            code="email_taken",
        )
    user = User.objects.create_user(email=email, password=None, name_ko=name[:100])
    PartnerLearner.objects.create(
        institution=institution, user=user, external_id=external_id
    )
    return user


@transaction.atomic
def partner_enrollment_create(
    *,
    institution: PartnerInstitution,
    run: CourseRun,
    external_id: str,
    email: str,
    name: str = "",
) -> Enrollment:
    """Enrol the partner's learner in `run` under the run's own rules
    (window, approval, seats, waitlist). Enrolling again is a no-op."""
    learner = partner_learner_resolve(
        institution=institution, external_id=external_id, email=email, name=name
    )
    try:
        return enrollment_create(learner=learner, run=run, source="api")
    except EnrollmentError as error:
        raise PartnerConflict(error.message, code="enrolment_refused") from error


@transaction.atomic
def partner_enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment:
    try:
        return enrollment_withdraw(enrollment=enrollment)
    except EnrollmentError as error:
        raise PartnerConflict(error.message, code="withdrawal_refused") from error
