"""Writes about certificates: issue, render, revoke, reissue, bulk runs.

Every write is one transaction that locks what it decides on: issuing locks
the enrolment row (and the year's serial counter), so ten deliveries of the
same task at once still make one certificate; the partial unique constraint
on (enrolment, current) is the database's own guarantee behind the lock.
Rendering the PDF happens after the certificate is committed and is
idempotent on its own, so a task killed half-way is simply run again.
"""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.models import CoursePage
from lms.community.services import notification_send
from lms.core.errors import CampusError
from lms.core.fields import fields_apply, m2m_apply
from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus

from .badges import credential_for, credential_sign
from .models import (
    Certificate,
    CertificateBatch,
    CertificateBatchItem,
    CertificateBatchMode,
    CertificateBatchStatus,
    CertificateEvent,
    CertificateEventKind,
    CertificateTemplate,
    CourseCertificate,
    SerialCounter,
)

BATCH_CHUNK_SIZE = 50


class CertificateError(CampusError):
    """A request about certificates that cannot be carried out, with a message
    for the person who made it."""


def _template_save(template: CertificateTemplate, fields: dict):
    changed = fields_apply(template, fields)
    if template.is_default:
        # one default (a unique constraint backs this up): the old one retires
        CertificateTemplate.objects.select_for_update().filter(is_default=True).exclude(
            pk=template.pk
        ).update(is_default=False)
    template.save()
    m2m_apply(template, fields)
    return changed


@transaction.atomic
def certificate_template_create(*, actor=None, fields: dict) -> CertificateTemplate:
    """A new certificate template; made the default, it retires the old default."""
    template = CertificateTemplate()
    _template_save(template, fields)
    return template


@transaction.atomic
def certificate_template_update(
    *, instance: CertificateTemplate, actor=None, fields: dict
) -> CertificateTemplate:
    """Change a template (its signatories are the admin form's inline rows);
    made the default, it retires the old default."""
    _template_save(instance, fields)
    return instance


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


# --- what goes on a certificate -----------------------------------------------------


@dataclass(frozen=True)
class CourseFacts:
    title_ko: str
    title_en: str
    summary: str
    translation_key: object
    hours: object


def _course_facts(course: CoursePage) -> CourseFacts:
    """The course's titles in both languages, from its translations."""
    pages = {
        page.locale.language_code: page
        for page in CoursePage.objects.filter(
            translation_key=course.translation_key
        ).select_related("locale")
    }
    korean = pages.get("ko", course)
    english = pages.get("en")
    return CourseFacts(
        title_ko=korean.title,
        title_en=english.title if english else korean.title,
        summary=korean.summary,
        translation_key=course.translation_key,
        hours=korean.credit_hours,
    )


def _learner_names(learner) -> tuple[str, str]:
    korean = learner.name_ko.strip() or learner.name_en.strip() or learner.email
    return korean, learner.name_en.strip()


def certificate_template_for(*, course: CoursePage) -> CertificateTemplate | None:
    """The course's template (set on any of its translations), else the default."""
    setting = (
        CourseCertificate.objects.filter(course__translation_key=course.translation_key)
        .select_related("template")
        .first()
    )
    if setting is not None and setting.template is not None:
        return setting.template
    return CertificateTemplate.objects.filter(is_default=True).first()


def _serial_next(*, year: int) -> str:
    """The next serial number of `year`, under a row lock: gapless and unique."""
    counter = SerialCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                SerialCounter.objects.create(year=year)
        except IntegrityError:
            pass  # another transaction made it first; lock theirs
        counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    prefix = getattr(settings, "CERTIFICATES_SERIAL_PREFIX", "JBSE") or "JBSE"
    return f"{prefix}-{year}-{counter.last:06d}"


def _certificate_create(
    *,
    enrollment: Enrollment,
    actor=None,
    batch: CertificateBatch | None = None,
    names: tuple[str, str] | None = None,
    correction_note: str = "",
) -> Certificate:
    """Write a new current certificate for `enrollment`, signed as a badge.
    The caller holds the enrolment's row lock."""
    run = enrollment.run
    facts = _course_facts(run.course)
    template = certificate_template_for(course=run.course)
    name_ko, name_en = names or _learner_names(enrollment.learner)
    now = timezone.now()
    completed_at = enrollment.completed_at or now
    defaults = CertificateTemplate()  # the built-in texts, when no template exists
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        learner_id=enrollment.learner_id,
        run=run,
        course_id=run.course_id,
        template=template,
        batch=batch,
        serial=_serial_next(year=timezone.localdate(now).year),
        learner_name_ko=name_ko,
        learner_name_en=name_en,
        course_title_ko=facts.title_ko,
        course_title_en=facts.title_en,
        run_title=run.title,
        credit_hours=facts.hours,
        started_on=run.starts_on,
        ended_on=run.ends_on,
        completed_on=timezone.localdate(completed_at),
        grade=enrollment.final_grade,
        issuer_name_ko=(template or defaults).issuer_name_ko,
        issuer_name_en=(template or defaults).issuer_name_en,
        issued_at=now,
        issued_by=actor,
        correction_note=correction_note,
    )
    credential = credential_for(
        certificate,
        course_translation_key=facts.translation_key,
        course_summary=facts.summary,
        learner_email=enrollment.learner.email,
    )
    certificate.badge_jwt = credential_sign(credential)
    Certificate.objects.filter(pk=certificate.pk).update(
        badge_jwt=certificate.badge_jwt
    )
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=CertificateEventKind.ISSUED,
        actor=actor,
        note=correction_note,
        at=now,
    )
    return certificate


def _enrollment_locked(enrollment_id: int) -> Enrollment:
    return (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("run__course", "learner")
        .get(pk=enrollment_id)
    )


# --- issuing ------------------------------------------------------------------------


@transaction.atomic
def certificate_issue(
    *,
    enrollment_id: int,
    actor=None,
    batch: CertificateBatch | None = None,
    render_after_commit: bool = False,
) -> tuple[Certificate, bool]:
    """The enrolment's certificate, issued now if it has none: (certificate,
    created). Issuing again returns the one already issued, and only a
    completed enrolment is given one. `render_after_commit` enqueues the PDF
    (callers that render it themselves leave it off)."""
    try:
        enrollment = _enrollment_locked(enrollment_id)
    except Enrollment.DoesNotExist as error:
        raise CertificateError(_("That enrolment does not exist.")) from error
    existing = Certificate.objects.current().filter(enrollment=enrollment).first()
    if existing is not None:
        return existing, False
    if enrollment.status != EnrollmentStatus.COMPLETED:
        raise CertificateError(
            _("Only a learner who has completed the course can be given a certificate.")
        )
    try:
        with transaction.atomic():
            certificate = _certificate_create(
                enrollment=enrollment, actor=actor, batch=batch
            )
    except IntegrityError:
        # without row locks (SQLite) the constraint decides: the other one won
        existing = Certificate.objects.current().filter(enrollment=enrollment).first()
        if existing is None:
            raise
        return existing, False
    if render_after_commit:
        transaction.on_commit(partial(_pdf_enqueue, certificate.pk))
    transaction.on_commit(partial(_learner_notify, certificate.pk))
    return certificate, True


def _learner_notify(certificate_id: int) -> None:
    """Tell the learner their certificate is ready: in the notification centre
    and by e-mail as they chose (immediately or in the daily digest). Once."""
    certificate = (
        Certificate.objects.select_related("learner").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.learner is None:
        return

    def title() -> str:
        course = (
            certificate.course_title_en
            if get_language() == "en" and certificate.course_title_en
            else certificate.course_title_ko
        )
        return _("Your certificate for “%(course)s” is ready") % {"course": course}

    notification_send(
        recipient=certificate.learner,
        kind="certificate.issued",
        title=title,
        body=lambda: _("Download the PDF, share it or add the Open Badge to a wallet."),
        url=reverse("certificates:wallet"),
        dedupe_key=f"certificate:{certificate.pk}",
    )


def certificate_issue_on_completion(*, enrollment_id: int) -> Certificate | None:
    """What `enrollment_completed` starts: issue and render, unless the
    course's certificates are issued by hand."""
    enrollment = Enrollment.objects.select_related("run__course").get(pk=enrollment_id)
    setting = CourseCertificate.objects.filter(
        course__translation_key=enrollment.run.course.translation_key
    ).first()
    if setting is not None and not setting.issue_on_completion:
        return None
    certificate, _created = certificate_issue(enrollment_id=enrollment_id)
    certificate_pdf_generate(certificate_id=certificate.pk)
    return certificate


def _pdf_enqueue(certificate_id: int) -> None:
    from .tasks import certificate_pdf_generate as task

    task.delay(certificate_id)


def certificate_pdf_generate(*, certificate_id: int) -> str:
    """The certificate's PDF in private storage, drawn if it is not there yet.
    Returns its storage name. Safe to run twice, or twice at once."""
    from .pdf import certificate_pdf_render

    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    storage = private_storage()
    if certificate.pdf_name and storage.exists(certificate.pdf_name):
        return certificate.pdf_name
    data = certificate_pdf_render(certificate)
    name = storage.save(
        f"certificates/{certificate.issued_at:%Y}/{certificate.file_name}",
        ContentFile(data),
    )
    updated = Certificate.objects.filter(
        pk=certificate.pk, pdf_name=certificate.pdf_name
    ).update(pdf_name=name)
    if not updated:  # drawn at the same time elsewhere: keep theirs
        storage.delete(name)
        name = Certificate.objects.values_list("pdf_name", flat=True).get(
            pk=certificate.pk
        )
    return name


# --- revoking and correcting --------------------------------------------------------


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke a certificate: its verification page and its badge say so."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking the certificate."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise CertificateError(_("This certificate has already been revoked."))
    if not certificate.is_current:
        raise CertificateError(
            _("This certificate has been replaced; revoke the current one instead.")
        )
    now = timezone.now()
    certificate.revoked_at = now
    certificate.revoked_by = actor
    certificate.revocation_reason = reason[:300]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=CertificateEventKind.REVOKED,
        actor=actor,
        note=reason[:300],
        at=now,
    )
    return certificate


@transaction.atomic
def certificate_reissue(
    *,
    certificate: Certificate,
    actor,
    reason: str,
    names: tuple[str, str] | None = None,
    batch: CertificateBatch | None = None,
    render_after_commit: bool = True,
) -> Certificate:
    """Replace a certificate after a correction: a new serial and code, what
    the account and course say now (or the names given), and the old one kept,
    marked as replaced, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Say what was corrected."))
    if names is not None and not names[0].strip():
        raise CertificateError(_("The Korean name cannot be empty."))
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not old.is_current:
        raise CertificateError(_("This certificate has already been replaced."))
    enrollment = _enrollment_locked(old.enrollment_id)
    now = timezone.now()
    old.is_current = False
    old.superseded_at = now
    old.save(update_fields=["is_current", "superseded_at"])
    new = _certificate_create(
        enrollment=enrollment,
        actor=actor,
        batch=batch,
        names=(names[0].strip(), names[1].strip()) if names else None,
        correction_note=reason[:300],
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    CertificateEvent.objects.create(
        certificate=old,
        kind=CertificateEventKind.REISSUED,
        actor=actor,
        note=reason[:300],
        at=now,
    )
    if render_after_commit:
        transaction.on_commit(partial(_pdf_enqueue, new.pk))
    return new


# --- bulk issue of a run ------------------------------------------------------------


@transaction.atomic
def certificate_batch_start(
    *, run: CourseRun, mode: str, actor, reason: str = ""
) -> CertificateBatch:
    """Start issuing (or reissuing) a run's certificates in the background.
    One bulk issue per run at a time; its items are fixed now."""
    if mode not in CertificateBatchMode.values:
        raise CertificateError(_("Choose what to do."))
    reason = (reason or "").strip()
    if mode == CertificateBatchMode.REISSUE_ALL and not reason:
        raise CertificateError(_("Say what was corrected."))
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    busy = CertificateBatch.objects.filter(
        run=run,
        status__in=[CertificateBatchStatus.QUEUED, CertificateBatchStatus.RUNNING],
    ).exists()
    if busy:
        raise CertificateError(
            _("A bulk issue of this course run is already under way.")
        )
    if mode == CertificateBatchMode.ISSUE_MISSING:
        enrollment_ids = list(
            Enrollment.objects.filter(run=run, status=EnrollmentStatus.COMPLETED)
            .exclude(certificates__is_current=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    else:
        enrollment_ids = list(
            Certificate.objects.valid()
            .filter(run=run)
            .order_by("enrollment_id")
            .values_list("enrollment_id", flat=True)
        )
    batch = CertificateBatch.objects.create(
        run=run,
        mode=mode,
        reason=reason[:300],
        total=len(enrollment_ids),
        requested_by=actor,
    )
    CertificateBatchItem.objects.bulk_create(
        [CertificateBatchItem(batch=batch, enrollment_id=pk) for pk in enrollment_ids],
        batch_size=500,
    )
    if not enrollment_ids:
        batch.status = CertificateBatchStatus.DONE
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "finished_at"])
        return batch
    from .tasks import certificate_batch_run

    transaction.on_commit(partial(certificate_batch_run.delay, batch.pk))
    return batch


def certificate_batch_run(*, batch_id: int) -> int:
    """Split a bulk issue's open items into chunk tasks; the number enqueued.
    Run again (redelivered), it enqueues what is still open: the chunks skip
    what is done meanwhile."""
    from .tasks import certificate_batch_chunk

    CertificateBatch.objects.filter(
        pk=batch_id, status=CertificateBatchStatus.QUEUED
    ).update(status=CertificateBatchStatus.RUNNING)
    open_ids = list(
        CertificateBatchItem.objects.filter(batch_id=batch_id, done_at__isnull=True)
        .order_by("enrollment_id")
        .values_list("enrollment_id", flat=True)
    )
    chunks = [
        open_ids[start : start + BATCH_CHUNK_SIZE]
        for start in range(0, len(open_ids), BATCH_CHUNK_SIZE)
    ]
    for chunk in chunks:
        certificate_batch_chunk.delay(batch_id, chunk)
    _batch_finish_if_done(batch_id)
    return len(chunks)


def _batch_item_process(batch: CertificateBatch, enrollment_id: int) -> None:
    item = CertificateBatchItem.objects.filter(
        batch=batch, enrollment_id=enrollment_id
    ).first()
    if item is None or item.done_at is not None:
        return
    certificate = None
    if batch.mode == CertificateBatchMode.ISSUE_MISSING:
        try:
            certificate, _created = certificate_issue(
                enrollment_id=enrollment_id, actor=batch.requested_by, batch=batch
            )
        except CertificateError:
            certificate = None  # withdrawn since the batch started: nothing to issue
    else:
        current = (
            Certificate.objects.valid().filter(enrollment_id=enrollment_id).first()
        )
        if current is not None and current.batch_id != batch.pk:
            certificate = certificate_reissue(
                certificate=current,
                actor=batch.requested_by,
                reason=batch.reason or _("Reissued in bulk"),
                batch=batch,
                render_after_commit=False,
            )
        else:
            certificate = current
    if certificate is not None:
        certificate_pdf_generate(certificate_id=certificate.pk)
    # made by this batch, counted once: marking the item done and counting it
    # are one transaction, conditional on the item being open
    with transaction.atomic():
        marked = CertificateBatchItem.objects.filter(
            pk=item.pk, done_at__isnull=True
        ).update(done_at=timezone.now())
        if marked:
            made_here = certificate is not None and certificate.batch_id == batch.pk
            CertificateBatch.objects.filter(pk=batch.pk).update(
                processed=F("processed") + 1, issued=F("issued") + int(made_here)
            )


def _batch_finish_if_done(batch_id: int) -> None:
    CertificateBatch.objects.filter(pk=batch_id, processed=F("total")).exclude(
        status=CertificateBatchStatus.DONE
    ).update(status=CertificateBatchStatus.DONE, finished_at=timezone.now())


def certificate_batch_chunk(*, batch_id: int, enrollment_ids: list[int]) -> None:
    """Issue (or reissue) and render one chunk of a bulk issue."""
    batch = CertificateBatch.objects.select_related("requested_by").get(pk=batch_id)
    for enrollment_id in enrollment_ids:
        _batch_item_process(batch, enrollment_id)
    _batch_finish_if_done(batch_id)
