"""Reads about certificates: a fixed number of queries whatever the rows."""

import re
import unicodedata
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, Q

from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus
from lms.learning.selectors import runs_in_language

from .models import (
    Certificate,
    CertificateBatch,
    CertificateBatchStatus,
    CertificateStatus,
    CourseCertificate,
)

PAGE_SIZE = 50
CODE_PATTERN = re.compile(r"^[a-z2-7]{26}$")


def certificate_list_for_learner(*, learner) -> list[Certificate]:
    """The learner's wallet: their current certificates, newest first."""
    return list(Certificate.objects.current().filter(learner=learner))


def certificate_personal_data(user) -> list[dict]:
    """The learner's certificates, every version, for their personal-data export."""
    from .badges import verify_url

    return [
        {
            "serial": certificate.serial,
            "status": certificate.status,
            "name_ko": certificate.learner_name_ko,
            "name_en": certificate.learner_name_en,
            "course_ko": certificate.course_title_ko,
            "course_en": certificate.course_title_en,
            "credit_hours": str(certificate.credit_hours),
            "completed_on": certificate.completed_on.isoformat(),
            "grade": str(certificate.grade) if certificate.grade is not None else None,
            "issued_at": certificate.issued_at.isoformat(),
            "verification_url": verify_url(certificate.code),
        }
        for certificate in Certificate.objects.filter(learner=user).order_by("pk")
    ]


def certificate_for_owner_or_staff(*, user, pk: int) -> Certificate | None:
    """A certificate its learner or center staff may open, else None."""
    from lms.learning.permissions import is_center_staff

    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None:
        return None
    if certificate.learner_id == user.pk or is_center_staff(user):
        return certificate
    return None


def certificate_for_verification(*, code: str) -> Certificate | None:
    """The certificate a verification code names; malformed codes hit no table."""
    if not CODE_PATTERN.match(code or ""):
        return None
    return Certificate.objects.filter(code=code).first()


def _name_key(name: str) -> str:
    """Names compared as people type them: case, spaces and width ignored."""
    return re.sub(r"[\s·.\-]", "", unicodedata.normalize("NFKC", name or "")).casefold()


def certificate_lookup(*, serial: str, name: str) -> Certificate | None:
    """The certificate with this serial number, if the name matches it too.

    A wrong serial and a wrong name look the same from outside: this is a
    check that a document someone holds is real, not a directory.
    """
    serial = unicodedata.normalize("NFKC", serial or "").strip().upper()
    if not serial or not name.strip():
        return None
    certificate = Certificate.objects.filter(serial=serial).first()
    if certificate is None:
        return None
    wanted = _name_key(name)
    if wanted in {
        _name_key(certificate.learner_name_ko),
        _name_key(certificate.learner_name_en),
    } - {""}:
        return certificate
    return None


def certificate_ids_not_valid() -> tuple[list[int], int]:
    """Ids of revoked or replaced certificates (their status bits), and the
    highest id of all (the status list's size)."""
    ids = list(
        Certificate.objects.filter(
            Q(revoked_at__isnull=False) | Q(is_current=False)
        ).values_list("pk", flat=True)
    )
    highest = Certificate.objects.aggregate(highest=Max("pk"))["highest"] or 0
    return ids, highest


def certificate_status_version() -> str:
    """Changes whenever a certificate is revoked or replaced (the status list's
    cache key)."""
    facts = Certificate.objects.filter(
        Q(revoked_at__isnull=False) | Q(is_current=False)
    ).aggregate(
        count=Count("pk"), revoked=Max("revoked_at"), replaced=Max("superseded_at")
    )
    return "{count}:{revoked}:{replaced}".format(**facts).replace(" ", "_")


def certificate_history(*, certificate: Certificate) -> list[Certificate]:
    """Every certificate of the same enrolment, oldest first, with their events."""
    return list(
        Certificate.objects.filter(enrollment_id=certificate.enrollment_id)
        .select_related("issued_by", "revoked_by")
        .prefetch_related("events__actor")
        .order_by("issued_at", "pk")
    )


def certificate_search(*, query: str = "", status: str = "", page: int = 1) -> Page:
    """Staff's list of issued certificates: search by serial, name or course."""
    certificates = Certificate.objects.all()
    query = (query or "").strip()
    if query:
        certificates = certificates.filter(
            Q(serial__icontains=query)
            | Q(learner_name_ko__icontains=query)
            | Q(learner_name_en__icontains=query)
            | Q(course_title_ko__icontains=query)
            | Q(course_title_en__icontains=query)
        )
    if status == CertificateStatus.VALID:
        certificates = certificates.filter(is_current=True, revoked_at__isnull=True)
    elif status == CertificateStatus.REVOKED:
        certificates = certificates.filter(revoked_at__isnull=False)
    elif status == CertificateStatus.SUPERSEDED:
        certificates = certificates.filter(is_current=False)
    return Paginator(certificates.order_by("-issued_at", "-pk"), PAGE_SIZE).get_page(
        page
    )


def run_list_with_completions(*, page: int = 1) -> Page:
    """Course runs that have completions, with counts, for the staff index."""
    runs = (
        CourseRun.objects.select_related("course")
        .annotate(
            completed_count=Count(
                "enrollments",
                filter=Q(enrollments__status=EnrollmentStatus.COMPLETED),
                distinct=True,
            ),
            certificate_count=Count(
                "certificates", filter=Q(certificates__is_current=True), distinct=True
            ),
        )
        .filter(completed_count__gt=0)
        .order_by("-ends_on", "-pk")
    )
    page_obj = Paginator(runs, PAGE_SIZE).get_page(page)
    page_obj.object_list = runs_in_language(page_obj.object_list)
    return page_obj


@dataclass
class RunCertificateRow:
    enrollment: Enrollment
    certificate: Certificate | None


@dataclass
class RunCertificates:
    run: CourseRun
    rows: list[RunCertificateRow]
    page: Page
    counts: dict[str, int]
    batch: CertificateBatch | None


def run_certificates(*, run: CourseRun, page: int = 1) -> RunCertificates:
    """A run's completed (or certified) enrolments, one page, each with its
    current certificate; counts by status; the latest bulk issue."""
    enrollments = (
        Enrollment.objects.filter(run=run)
        .filter(Q(status=EnrollmentStatus.COMPLETED) | Q(certificates__isnull=False))
        .distinct()
        .select_related("learner")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.current(),
                to_attr="current_certificates",
            )
        )
        .order_by("learner__name_ko", "pk")
    )
    paginated = Paginator(enrollments, PAGE_SIZE).get_page(page)
    rows = [
        RunCertificateRow(enrollment, (enrollment.current_certificates or [None])[0])
        for enrollment in paginated.object_list
    ]
    totals = Certificate.objects.filter(run=run).aggregate(
        valid=Count("pk", filter=Q(is_current=True, revoked_at__isnull=True)),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        superseded=Count("pk", filter=Q(is_current=False)),
    )
    totals["completed"] = Enrollment.objects.filter(
        run=run, status=EnrollmentStatus.COMPLETED
    ).count()
    totals["missing"] = (
        Enrollment.objects.filter(run=run, status=EnrollmentStatus.COMPLETED)
        .exclude(certificates__is_current=True)
        .count()
    )
    batch = CertificateBatch.objects.filter(run=run).first()
    return RunCertificates(run, rows, paginated, totals, batch)


def batch_progress(*, batch: CertificateBatch) -> dict:
    """What the progress bar polls."""
    return {
        "id": batch.pk,
        "status": batch.status,
        "status_display": batch.get_status_display(),
        "total": batch.total,
        "processed": batch.processed,
        "issued": batch.issued,
        "percent": batch.percent,
        "done": batch.status == CertificateBatchStatus.DONE,
    }


def certificate_reviews_pending(*, enrollments) -> dict[int, str]:
    """For completed enrolments whose course's certificate is issued by staff
    (not on completion) and not issued yet: "certificate under review". Two
    queries however many enrolments."""
    from django.utils.translation import gettext as _

    enrollments = [e for e in enrollments if e.status == "completed"]
    if not enrollments:
        return {}
    issued = set(
        Certificate.objects.filter(enrollment__in=enrollments).values_list(
            "enrollment_id", flat=True
        )
    )
    waiting = [e for e in enrollments if e.pk not in issued]
    if not waiting:
        return {}
    by_hand = set(
        CourseCertificate.objects.filter(
            course__translation_key__in={e.run.course.translation_key for e in waiting},
            issue_on_completion=False,
        ).values_list("course__translation_key", flat=True)
    )
    note = _("Certificate under review by staff")
    return {e.pk: note for e in waiting if e.run.course.translation_key in by_hand}


def certificate_reviews_for_learner(*, learner) -> list:
    """The learner's completed enrolments whose certificate waits for staff (the
    course issues by hand and none is issued yet). One query (two in a language
    other than the courses')."""
    from lms.learning.models import Enrollment

    waiting = list(
        Enrollment.objects.filter(learner=learner, status="completed")
        .exclude(pk__in=Certificate.objects.values("enrollment_id"))
        .filter(
            run__course__translation_key__in=CourseCertificate.objects.filter(
                issue_on_completion=False
            ).values("course__translation_key")
        )
        .select_related("run__course")
        .order_by("-completed_at", "pk")
    )
    runs_in_language(e.run for e in waiting)
    return waiting
