"""Requests sent through the town's forms: submit, notify staff, answer, purge.

A submission is written in one transaction with the consent the visitor gave
(purpose by purpose, as shown) and the date after which it is deleted (the
longest retention among the purposes consented to). Staff are e-mailed by a
Celery task enqueued after commit; the task marks the submission under a row
lock before sending, so a retried task never sends twice.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.core.errors import CampusError

from ..request_models import RequestFormPage, RequestStatus, RequestSubmission
from .staff import staff_emails

# status moves only forward
NEXT_STATUSES = {
    RequestStatus.RECEIVED: {RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED},
    RequestStatus.IN_PROGRESS: {RequestStatus.ANSWERED},
    RequestStatus.ANSWERED: set(),
}
MONTH = dt.timedelta(days=30)


class RequestError(CampusError):
    code = "request-refused"


def _jsonable(value):
    import json

    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@transaction.atomic
def request_submit(
    *, page: RequestFormPage, answers: dict, consent: list[dict], user=None, email=""
) -> RequestSubmission:
    """Store a request with its consent; staff hear about it after commit."""
    missing = [c["purpose"] for c in consent if c["required"] and not c["given"]]
    if missing:
        raise RequestError(
            _("Consent is required for: %(purposes)s")
            % {"purposes": ", ".join(missing)}
        )
    now = timezone.now()
    months = max((c["retention_months"] for c in consent if c["given"]), default=1)
    submission = RequestSubmission.objects.create(
        page=page,
        form_data=_jsonable(answers),
        requester=user if user is not None and user.is_authenticated else None,
        email=email,
        consent=consent,
        consented_at=now,
        retain_until=now + months * MONTH,
    )
    from ..tasks import request_staff_notify

    transaction.on_commit(partial(request_staff_notify.delay, submission.pk))
    return submission


def request_staff_notify(*, submission_id: int) -> bool:
    """E-mail staff about a new request, once (False if already done)."""
    with transaction.atomic():
        submission = (
            RequestSubmission.objects.select_for_update()
            .filter(pk=submission_id, staff_notified_at__isnull=True)
            .first()
        )
        if submission is None:
            return False
        submission.staff_notified_at = timezone.now()
        submission.save(update_fields=["staff_notified_at"])
        page = RequestFormPage.objects.get(pk=submission.page_id)
        recipients = [page.staff_email] if page.staff_email else staff_emails()
        if not recipients:
            return False
        with override(settings.LANGUAGE_CODE):
            subject = _("New request: %(form)s") % {"form": page.title}
            lines = [f"{key}: {value}" for key, value in submission.form_data.items()]
            body = "\n".join(
                [
                    _("A request was sent through “%(form)s”.") % {"form": page.title},
                    "",
                    *lines,
                    "",
                    _("Answer it at %(url)s")
                    % {"url": settings.SITE_URL + "/requests/staff/"},
                ]
            )
        # inside the transaction: if sending fails, the mark is rolled back
        send_mail(subject, body, None, recipients)
    return True


@transaction.atomic
def request_status_set(
    *, submission: RequestSubmission, actor, status: str, answer: str = ""
) -> RequestSubmission:
    """Staff move a request forward (received → in progress → answered)."""
    if not actor.is_staff:
        raise RequestError(_("Only staff can answer requests."), status=403)
    submission = RequestSubmission.objects.select_for_update().get(pk=submission.pk)
    if status not in RequestStatus.values:
        raise RequestError(_("Choose a status."))
    if status != submission.status and status not in NEXT_STATUSES[submission.status]:
        raise RequestError(_("A request cannot go back to an earlier status."))
    if status == RequestStatus.ANSWERED and not answer.strip():
        raise RequestError(_("Write the answer the requester will see."))
    submission.status = status
    if answer.strip():
        submission.answer = answer.strip()
    submission.handled_by = actor
    submission.status_changed_at = timezone.now()
    submission.save()
    return submission


@transaction.atomic
def request_submissions_purge() -> int:
    """Delete the submissions whose retention has passed; how many."""
    expired = RequestSubmission.objects.filter(retain_until__lt=timezone.now())
    count, _detail = expired.delete()
    return count
