"""Writes about learning: enrolment, approval, waitlist, progress, bookmarks.

Every service checks, writes in one transaction and notifies after commit.
Seats are guarded twice: the run row is locked while a seat is counted, and a
check constraint on `CourseRun.seats_taken` refuses one seat too many.
"""

import csv
import io
import secrets
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.translations import page_canonical_pk
from lms.accounts.models import User
from lms.accounts.selectors import user_needs_guardian_consent
from lms.core.errors import CampusError
from lms.core.fields import fields_apply

from ..models import (
    REQUEST_REASON_MAX,
    Bookmark,
    CourseRun,
    Enrollment,
    EnrollmentPolicy,
    EnrollmentStatus,
    LessonProgress,
)
from ..permissions import lesson_access_allowed
from ..signals import course_run_changed, enrollment_withdrawn
from .completion import learner_completion_evaluate


class EnrollmentError(CampusError):
    """A refused enrolment action, with a message for the learner."""

    code = "enrollment_refused"


class RunCapacityError(EnrollmentError):
    """A capacity below the seats already taken."""

    code = "run_capacity_below_seats_taken"
    field = "capacity"


def _notify_on_commit(enrollment: Enrollment) -> None:
    from ..tasks import enrollment_status_notify

    transaction.on_commit(partial(enrollment_status_notify.delay, enrollment.pk))


def _set_status(
    enrollment: Enrollment, status: str, *, actor: User | None = None
) -> None:
    enrollment.status = status
    enrollment.status_changed_at = timezone.now()
    if actor is not None:
        enrollment.decided_by = actor


def _take_seat(run: CourseRun) -> bool:
    """Take a seat of a locked run if one is free."""
    if run.capacity is not None and run.seats_taken >= run.capacity:
        return False
    CourseRun.objects.filter(pk=run.pk).update(seats_taken=F("seats_taken") + 1)
    run.seats_taken += 1
    return True


def _release_seat(run: CourseRun) -> None:
    CourseRun.objects.filter(pk=run.pk).update(seats_taken=F("seats_taken") - 1)
    run.seats_taken -= 1


def _check_rules(*, learner: User, run: CourseRun, invitation_code: str) -> None:
    if not run.is_published or not run.course.live:
        raise EnrollmentError(_("This course run is not open for enrolment."))
    window = run.enrollment_window_state()
    if window == "not_yet":
        raise EnrollmentError(_("Enrolment for this course has not opened yet."))
    if window == "closed":
        raise EnrollmentError(_("Enrolment for this course is closed."))
    if (
        run.enrollment_policy == EnrollmentPolicy.INVITATION
        and not secrets.compare_digest(
            (invitation_code or "").strip(), run.invitation_code
        )
    ):
        raise EnrollmentError(_("The invitation code is not valid for this course."))
    missing = prerequisites_missing(learner=learner, run=run)
    if missing:
        raise EnrollmentError(
            _("Complete these courses first: %(courses)s")
            % {"courses": ", ".join(course.title for course in missing)}
        )


def prerequisites_missing(*, learner: User, run: CourseRun) -> list:
    """The prerequisite courses of `run` that `learner` has not completed."""
    required = list(run.course.prerequisites.all())
    if not required:
        return []
    completed = set(
        Enrollment.objects.filter(
            learner=learner,
            status=EnrollmentStatus.COMPLETED,
            run__course__translation_key__in=[c.translation_key for c in required],
        ).values_list("run__course__translation_key", flat=True)
    )
    return [course for course in required if course.translation_key not in completed]


@transaction.atomic
def enrollment_create(
    *,
    learner: User,
    run: CourseRun,
    invitation_code: str = "",
    source: str = "web",
    actor: User | None = None,
    reason: str = "",
) -> Enrollment:
    """Enrol `learner` in `run`: active, pending approval or waitlisted.

    A request to a course by approval keeps the learner's `reason` for the
    approver.

    Enrolling again while enrolled, pending or waitlisted is a no-op. Staff
    enrolling someone (`actor`) skip the window, policy and prerequisites, but
    never the seat limit.
    """
    run = CourseRun.objects.select_for_update().select_related("course").get(pk=run.pk)
    enrollment = (
        Enrollment.objects.select_for_update().filter(learner=learner, run=run).first()
    )
    if enrollment is not None and enrollment.status in (
        EnrollmentStatus.ACTIVE,
        EnrollmentStatus.COMPLETED,
        EnrollmentStatus.PENDING,
        EnrollmentStatus.WAITLISTED,
    ):
        return enrollment
    if user_needs_guardian_consent(user=learner):
        raise EnrollmentError(
            _("A legal guardian's consent is needed before someone under 14 enrols.")
        )
    if actor is None:
        _check_rules(learner=learner, run=run, invitation_code=invitation_code)
    if enrollment is None:
        enrollment = Enrollment(learner=learner, run=run, source=source)

    if run.enrollment_policy == EnrollmentPolicy.APPROVAL and actor is None:
        _set_status(enrollment, EnrollmentStatus.PENDING)
        enrollment.request_reason = reason.strip()[:REQUEST_REASON_MAX]
    elif _take_seat(run):
        _set_status(enrollment, EnrollmentStatus.ACTIVE, actor=actor)
    elif run.waitlist_enabled and actor is None:
        _set_status(enrollment, EnrollmentStatus.WAITLISTED)
    else:
        raise EnrollmentError(_("This course run is full."))
    enrollment.save()
    _notify_on_commit(enrollment)
    return enrollment


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, actor: User) -> Enrollment:
    """Approve a pending request: a seat if one is free, else the waitlist."""
    run = CourseRun.objects.select_for_update().get(pk=enrollment.run_id)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status != EnrollmentStatus.PENDING:
        raise EnrollmentError(_("This request has already been decided."))
    status = EnrollmentStatus.ACTIVE if _take_seat(run) else EnrollmentStatus.WAITLISTED
    _set_status(enrollment, status, actor=actor)
    enrollment.save()
    _notify_on_commit(enrollment)
    return enrollment


@transaction.atomic
def enrollment_reject(*, enrollment: Enrollment, actor: User) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status != EnrollmentStatus.PENDING:
        raise EnrollmentError(_("This request has already been decided."))
    _set_status(enrollment, EnrollmentStatus.REJECTED, actor=actor)
    enrollment.save()
    _notify_on_commit(enrollment)
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment:
    """Leave a run. A freed seat goes to the first on the waitlist, at once."""
    run = CourseRun.objects.select_for_update().get(pk=enrollment.run_id)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REJECTED):
        return enrollment
    if enrollment.status == EnrollmentStatus.COMPLETED:
        raise EnrollmentError(
            _("You have completed this course; it stays on your record.")
        )
    held_seat = enrollment.holds_seat
    _set_status(enrollment, EnrollmentStatus.WITHDRAWN)
    enrollment.save()
    transaction.on_commit(
        partial(enrollment_withdrawn.send, sender=Enrollment, enrollment=enrollment)
    )
    if held_seat:
        _release_seat(run)
        waitlist_promote(run=run)
    return enrollment


def waitlist_promote(*, run: CourseRun) -> list[Enrollment]:
    """Give free seats of a locked run to the waitlist, first come first served."""
    promoted = []
    waiting = (
        Enrollment.objects.select_for_update()
        .filter(run=run, status=EnrollmentStatus.WAITLISTED)
        .order_by("created_at", "pk")
    )
    for enrollment in waiting:
        if not _take_seat(run):
            break
        _set_status(enrollment, EnrollmentStatus.ACTIVE)
        enrollment.save()
        _notify_on_commit(enrollment)
        promoted.append(enrollment)
    return promoted


_RUN_FIELDS_KEPT_BY_SERVICES = ("id", "seats_taken", "created_at")


@transaction.atomic
def course_run_create(*, actor: User | None = None, fields: dict) -> CourseRun:
    """A new run of a course, from the admin or a command."""
    run = CourseRun()
    fields_apply(run, fields, refused=_RUN_FIELDS_KEPT_BY_SERVICES)
    run.full_clean()
    run.save()
    return run


@transaction.atomic
def course_run_update(
    *, instance: CourseRun, actor: User | None = None, fields: dict
) -> CourseRun:
    """Change a run's dates, seats, policy or completion rules.

    The run row is locked, so seats taken cannot move under the check. A
    capacity below the seats taken is refused, naming how many are taken
    (withdraw or reject learners first). Raising the capacity (or removing
    the limit) gives the free seats to the waitlist at once, first come first
    served, and each promoted learner is told. After commit `course_run_changed`
    is sent with the changed fields, so that lodging re-checks its stays.
    """
    run = CourseRun.objects.select_for_update().get(pk=instance.pk)
    previous = {name: getattr(run, name) for name in fields if hasattr(run, name)}
    changed = fields_apply(run, fields, refused=_RUN_FIELDS_KEPT_BY_SERVICES)
    if run.capacity is not None and run.capacity < run.seats_taken:
        raise RunCapacityError(
            ngettext(
                "%(taken)d seat is taken: the capacity cannot be less than %(taken)d.",
                "%(taken)d seats are taken: the capacity cannot be less than "
                "%(taken)d.",
                run.seats_taken,
            )
            % {"taken": run.seats_taken}
        )
    if not changed:
        return run
    run.full_clean()
    run.save()
    if "capacity" in changed or "waitlist_enabled" in changed:
        waitlist_promote(run=run)
    previous = {name: previous[name] for name in changed}
    transaction.on_commit(
        partial(
            course_run_changed.send,
            sender=CourseRun,
            run=run,
            changed=changed,
            previous=previous,
        )
    )
    return run


@dataclass
class ImportReport:
    """The outcome of a CSV import: rows enrolled, or the errors that stopped it."""

    enrolled: list[Enrollment] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


MAX_IMPORT_ROWS = 2000


def enrollment_bulk_import(*, run: CourseRun, data: bytes, actor: User) -> ImportReport:
    """Enrol everyone in a CSV of e-mail addresses, or no one if any row is wrong.

    The file needs an `email` column (UTF-8, with or without a BOM, as Excel
    saves it). Each problem is reported with its line number.
    """
    report = ImportReport()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append(
            (0, _("The file is not UTF-8 text. Save it as CSV UTF-8."))
        )
        return report
    reader = csv.DictReader(io.StringIO(text))
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    if "email" not in columns:
        report.errors.append((1, _("The first line must name an 'email' column.")))
        return report
    reader.fieldnames = columns
    rows: list[tuple[int, str]] = []
    for line, row in enumerate(reader, start=2):
        rows.append((line, (row.get("email") or "").strip().lower()))
        if len(rows) > MAX_IMPORT_ROWS:
            report.errors.append(
                (line, _("At most %(n)d rows at a time.") % {"n": MAX_IMPORT_ROWS})
            )
            return report
    if not rows:
        report.errors.append((2, _("The file has no rows.")))
        return report
    users = {u.email: u for u in User.objects.filter(email__in=[e for _, e in rows])}
    seen: set[str] = set()
    for line, email in rows:
        try:
            validate_email(email)
        except ValidationError:
            report.errors.append(
                (line, _("'%(email)s' is not an e-mail address.") % {"email": email})
            )
            continue
        if email in seen:
            report.errors.append(
                (line, _("%(email)s appears twice.") % {"email": email})
            )
        elif email not in users:
            report.errors.append(
                (line, _("No account uses %(email)s.") % {"email": email})
            )
        seen.add(email)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for line, email in rows:
                try:
                    report.enrolled.append(
                        enrollment_create(
                            learner=users[email], run=run, source="csv", actor=actor
                        )
                    )
                except EnrollmentError as error:
                    report.errors.append((line, error.message))
                    raise
    except (EnrollmentError, IntegrityError):
        report.enrolled = []
        if not report.errors:
            report.errors.append((0, _("The run is full.")))
    return report


def lesson_progress_view(*, learner: User, lesson) -> LessonProgress:
    """Record that `learner` opened `lesson` (for 'resume where you left off').

    Whatever language the lesson was read in, the record is the lesson's
    (its canonical page's): a lesson read in English and in Korean is one.
    """
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        learner=learner,
        lesson_id=page_canonical_pk(lesson),
        defaults={
            "course_id": page_canonical_pk(lesson.course),
            "first_viewed_at": now,
            "last_viewed_at": now,
        },
    )
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_viewed_at=now)
    return progress


@transaction.atomic
def lesson_progress_complete(*, learner: User, lesson) -> LessonProgress:
    """Mark `lesson` complete for `learner`. Completing it again changes nothing."""
    if not lesson_access_allowed(user=learner, course=lesson.course):
        raise EnrollmentError(_("Enrol in this course to record your progress."))
    now = timezone.now()
    progress, created = LessonProgress.objects.select_for_update().get_or_create(
        learner=learner,
        lesson_id=page_canonical_pk(lesson),
        defaults={
            "course_id": page_canonical_pk(lesson.course),
            "first_viewed_at": now,
            "last_viewed_at": now,
            "completed_at": now,
        },
    )
    if progress.completed_at is None:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    elif not created:
        return progress
    learner_completion_evaluate(learner=learner, course=lesson.course)
    return progress


def bookmark_toggle(*, learner: User, page=None, resource=None) -> bool:
    """Save or unsave a lesson or a library resource. Returns whether it is saved."""
    if (page is None) == (resource is None):
        raise EnrollmentError(_("Choose one thing to save."))
    lookup = {"learner": learner, "page": page, "resource": resource}
    deleted, _details = Bookmark.objects.filter(**lookup).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Bookmark.objects.create(**lookup)
    except IntegrityError:
        pass  # saved by a parallel request: the outcome is the same
    return True
