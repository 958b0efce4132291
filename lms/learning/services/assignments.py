"""Assignments: submit text or a file, grade by rubric, grant extensions.

A submission is checked whole before anything is written: who sends it, what
it holds (type, size, and bytes that match the file's extension), and when
(the due date, or the learner's extension, and the late policy). The
learner's enrolment row is locked while the version number is counted, so two
tabs cannot both write version 2; the unique (learner, assignment, version)
constraint backs that up. The file is written last and removed again if the
row cannot be saved.
"""

import codecs
import math
import os
import secrets
import zipfile
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import AssignmentPage, LatePolicy, SubmissionType
from courses.translations import page_canonical
from lms.accounts.models import User

from ..assignment_selectors import allowed_file_types
from ..models import (
    SEAT_HOLDING,
    AssignmentExtension,
    Enrollment,
    Submission,
    SubmissionStatus,
)
from ..permissions import grading_allowed, lesson_access_allowed
from .completion import learner_completion_evaluate
from .enrollment import EnrollmentError

CENT = Decimal("0.01")
MAX_TEXT_LENGTH = 50_000
MAX_FEEDBACK_LENGTH = 20_000
MAX_REASON_LENGTH = 300

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
GIF_MAGIC = (b"GIF87a", b"GIF89a")
# Office Open XML packages: the folder their main part lives in
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
TEXT_EXTENSIONS = {"txt", "csv", "md"}


class AssignmentError(EnrollmentError):
    """A refused assignment action, with a message for the person who tried."""


class AssignmentForbidden(AssignmentError):
    """The person is not allowed to do this at all (a 403, not a 400)."""


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def due_at_for(*, learner, assignment: AssignmentPage) -> datetime | None:
    """The learner's extension if they have one, else the assignment's due date."""
    if learner is not None and learner.is_authenticated:
        extension = AssignmentExtension.objects.filter(
            learner=learner, assignment__translation_key=assignment.translation_key
        ).first()
        if extension is not None:
            return extension.due_at
    return assignment.due_at


def days_late_at(*, due_at: datetime | None, at: datetime) -> int:
    """Whole days late, rounded up: one second late is one day late."""
    if due_at is None or at <= due_at:
        return 0
    return math.ceil((at - due_at) / timedelta(days=1))


def late_penalty_apply(
    *, raw: Decimal, days_late: int, percent_per_day: int
) -> Decimal:
    """`raw × (1 − days_late × percent/100)`, never below 0."""
    factor = 1 - Decimal(days_late) * Decimal(percent_per_day) / 100
    return _round(max(Decimal(0), raw * factor))


def rubric_score(*, assignment: AssignmentPage, choices) -> Decimal:
    """The rubric's points for one level index per criterion, scaled to the
    assignment's points. Refuses a missing or unknown level.
    """
    criteria = list(assignment.rubric)
    if not isinstance(choices, list | tuple) or len(choices) != len(criteria):
        raise AssignmentError(_("Choose one level for every criterion."))
    total = Decimal(0)
    for block, choice in zip(criteria, choices, strict=True):
        levels = list(block.value["levels"])
        if isinstance(choice, bool) or not isinstance(choice, int):
            raise AssignmentError(_("Choose one level for every criterion."))
        if not 0 <= choice < len(levels):
            raise AssignmentError(
                _("“%(criterion)s” has no such level.")
                % {"criterion": block.value["criterion"]}
            )
        total += Decimal(levels[choice]["points"])
    top = Decimal(assignment.rubric_max_points)
    if not top:
        return Decimal(0)
    return _round(total * Decimal(assignment.max_points) / top)


# --- checking an upload --------------------------------------------------------


def _read_head(upload: UploadedFile, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zip_names(upload: UploadedFile) -> list[str] | None:
    """The member names of a ZIP package, read from its central directory only
    (nothing is extracted), or None if it is not a readable ZIP file.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _is_utf8(upload: UploadedFile) -> bool:
    utf8 = codecs.getincrementaldecoder("utf-8")(errors="strict")
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            utf8.decode(chunk)
        utf8.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def content_matches_extension(upload: UploadedFile, extension: str) -> bool:
    """Whether the bytes are what the extension claims, for the common types.

    Types without a known signature pass: the instructor allowed them, and the
    file is only ever served as a download.
    """
    head = _read_head(upload)
    if extension == "pdf":
        return head.startswith(PDF_MAGIC)
    if extension in ("png",):
        return head.startswith(PNG_MAGIC)
    if extension in ("jpg", "jpeg"):
        return head.startswith(JPEG_MAGIC)
    if extension == "gif":
        return head.startswith(GIF_MAGIC)
    if extension in ("hwp", "doc", "xls", "ppt"):
        return head.startswith(OLE_MAGIC)
    if extension in (*OOXML_FOLDERS, "hwpx", "zip"):
        if not head.startswith(ZIP_MAGIC):
            return False
        names = _zip_names(upload)
        if names is None:
            return False
        if extension in OOXML_FOLDERS:
            folder = OOXML_FOLDERS[extension]
            return "[Content_Types].xml" in names and any(
                name.startswith(folder) for name in names
            )
        if extension == "hwpx":
            return "mimetype" in names or any(
                name.startswith("Contents/") for name in names
            )
        return True
    if extension in TEXT_EXTENSIONS:
        return _is_utf8(upload)
    return True


def _upload_check(*, assignment: AssignmentPage, upload: UploadedFile) -> str:
    """Refuse a file of a type, size or content the assignment does not take.
    Returns the (lower-case) extension.
    """
    name = os.path.basename(upload.name or "")
    _stem, dot_extension = os.path.splitext(name)
    extension = dot_extension.lower().lstrip(".")
    allowed = allowed_file_types(assignment)
    if not extension or extension not in allowed:
        raise AssignmentError(
            _("Files of this type are not accepted. Allowed: %(types)s.")
            % {"types": ", ".join(allowed)}
        )
    if not upload.size:
        raise AssignmentError(_("The file is empty."))
    if upload.size > assignment.max_file_mb * 1024 * 1024:
        raise AssignmentError(
            _("The file is too large. The limit is %(mb)d MB.")
            % {"mb": assignment.max_file_mb}
        )
    if not content_matches_extension(upload, extension):
        raise AssignmentError(
            _("The file's contents do not match its type (.%(extension)s).")
            % {"extension": extension}
        )
    return extension


def _content_check(
    *, assignment: AssignmentPage, text: str, upload: UploadedFile | None
) -> None:
    kind = assignment.submission_type
    if kind == SubmissionType.TEXT and upload is not None:
        raise AssignmentError(_("This assignment takes a written answer, not a file."))
    if kind == SubmissionType.FILE and text:
        raise AssignmentError(_("This assignment takes a file, not a written answer."))
    if kind == SubmissionType.TEXT and not text:
        raise AssignmentError(_("Write your answer before submitting."))
    if kind == SubmissionType.FILE and upload is None:
        raise AssignmentError(_("Choose a file to submit."))
    if kind == SubmissionType.TEXT_AND_FILE and not text and upload is None:
        raise AssignmentError(_("Write an answer or choose a file to submit."))
    if len(text) > MAX_TEXT_LENGTH:
        raise AssignmentError(
            _("The answer is too long: at most %(n)d characters.")
            % {"n": MAX_TEXT_LENGTH}
        )


# --- services -------------------------------------------------------------------


@transaction.atomic
def submission_create(
    *,
    learner: User,
    assignment: AssignmentPage,
    text: str = "",
    upload: UploadedFile | None = None,
) -> Submission:
    """Hand in work: a new version, the earlier ones marked as replaced.

    Refused, with nothing written, when the learner may not submit, the work
    does not fit the assignment, it is late under a 'refuse' policy, or it is
    a second submission where resubmission is not allowed.

    Whichever language's page it is handed in on, the work is for the
    assignment (its canonical page): one series of versions, one grade.
    """
    course = assignment.course
    assignment = page_canonical(assignment)
    if not assignment.live or not lesson_access_allowed(user=learner, course=course):
        raise AssignmentForbidden(_("Enrol in this course to submit assignments."))
    text = (text or "").strip()
    _content_check(assignment=assignment, text=text, upload=upload)
    extension = _upload_check(assignment=assignment, upload=upload) if upload else ""

    # of=self: lock only the enrolment, not the run every classmate shares
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .filter(
            learner=learner,
            run__course__translation_key=course.translation_key,
            status__in=SEAT_HOLDING,
        )
        .order_by("-status_changed_at", "-pk")
        .first()
    )
    now = timezone.now()
    due_at = due_at_for(learner=learner, assignment=assignment)
    days_late = days_late_at(due_at=due_at, at=now)
    if days_late and assignment.late_policy == LatePolicy.REFUSE:
        raise AssignmentError(
            _("The due date has passed; this assignment no longer accepts work.")
        )
    previous = Submission.objects.filter(learner=learner, assignment=assignment)
    last_version = (
        previous.order_by("-version").values_list("version", flat=True).first() or 0
    )
    if last_version and not assignment.allow_resubmission:
        raise AssignmentError(
            _("You have already submitted this assignment; it cannot be resubmitted.")
        )

    submission = Submission(
        learner=learner,
        assignment=assignment,
        enrollment=enrollment,
        version=last_version + 1,
        status=SubmissionStatus.SUBMITTED,
        text=text,
        submitted_at=now,
        days_late=min(days_late, 32767),
    )
    if upload is not None:
        submission.original_filename = os.path.basename(upload.name)[-255:]
        upload.seek(0)
        # a random name: the learner's file name never reaches the file system
        submission.file.save(
            f"{secrets.token_urlsafe(18)}.{extension}", upload, save=False
        )
    try:
        with transaction.atomic():
            previous.exclude(status=SubmissionStatus.SUPERSEDED).update(
                status=SubmissionStatus.SUPERSEDED
            )
            submission.save()
    except IntegrityError as error:
        if submission.file:
            submission.file.delete(save=False)
        raise AssignmentError(
            _("Another submission was sent at the same time. Please try again.")
        ) from error
    except BaseException:
        if submission.file:
            submission.file.delete(save=False)
        raise
    return submission


def _score_parse(score) -> Decimal:
    try:
        value = Decimal(str(score).strip())
    except (InvalidOperation, ValueError, TypeError) as error:
        raise AssignmentError(_("Enter the score as a number.")) from error
    if not value.is_finite():
        raise AssignmentError(_("Enter the score as a number."))
    return value


@transaction.atomic
def submission_grade(
    *,
    submission: Submission,
    grader: User,
    rubric_choices: list[int] | None = None,
    score=None,
    feedback: str = "",
) -> Submission:
    """Grade a submission by its rubric (one level per criterion) or, without a
    rubric, by a score out of the assignment's points; apply the late penalty;
    then see whether the learner has now completed the course.
    """
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("learner")
        .get(pk=submission.pk)
    )
    assignment = submission.assignment
    if not grading_allowed(user=grader, assignment=assignment):
        raise AssignmentForbidden(
            _("Only the instructors of this course can grade its submissions.")
        )
    if submission.status == SubmissionStatus.SUPERSEDED:
        raise AssignmentError(
            _("The learner has sent a newer version; grade that one instead.")
        )
    feedback = (feedback or "").strip()
    if len(feedback) > MAX_FEEDBACK_LENGTH:
        raise AssignmentError(
            _("The feedback is too long: at most %(n)d characters.")
            % {"n": MAX_FEEDBACK_LENGTH}
        )
    max_points = Decimal(assignment.max_points)
    if len(assignment.rubric):
        raw = rubric_score(assignment=assignment, choices=rubric_choices)
        choices = list(rubric_choices)
    else:
        if score is None or str(score).strip() == "":
            raise AssignmentError(_("Enter a score."))
        raw = _score_parse(score)
        if not Decimal(0) <= raw <= max_points:
            raise AssignmentError(
                _("The score must be between 0 and %(max)s.") % {"max": max_points}
            )
        raw = _round(raw)
        choices = []
    final = raw
    if assignment.late_policy == LatePolicy.PENALTY and submission.days_late:
        final = late_penalty_apply(
            raw=raw,
            days_late=submission.days_late,
            percent_per_day=assignment.late_penalty_percent,
        )
    submission.rubric_choices = choices
    submission.raw_score = raw
    submission.score = final
    submission.feedback = feedback
    submission.status = SubmissionStatus.GRADED
    submission.graded_by = grader
    submission.graded_at = timezone.now()
    submission.save(
        update_fields=[
            "rubric_choices",
            "raw_score",
            "score",
            "feedback",
            "status",
            "graded_by",
            "graded_at",
        ]
    )
    learner_completion_evaluate(learner=submission.learner, course=assignment.course)
    return submission


@transaction.atomic
def extension_grant(
    *,
    assignment: AssignmentPage,
    learner: User,
    due_at: datetime,
    reason: str = "",
    granted_by: User,
) -> AssignmentExtension:
    """Give one learner a later due date (or change the one they have)."""
    assignment = page_canonical(assignment)
    if not grading_allowed(user=granted_by, assignment=assignment):
        raise AssignmentForbidden(
            _("Only the instructors of this course can grant extensions.")
        )
    if due_at is None or timezone.is_naive(due_at):
        raise AssignmentError(_("Enter the new due date and time."))
    if assignment.due_at and due_at <= assignment.due_at:
        raise AssignmentError(
            _("The new due date must be later than the assignment's due date.")
        )
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise AssignmentError(
            _("The reason is too long: at most %(n)d characters.")
            % {"n": MAX_REASON_LENGTH}
        )
    enrolled = Enrollment.objects.filter(
        learner=learner,
        run__course__translation_key=assignment.course.translation_key,
        status__in=SEAT_HOLDING,
    ).exists()
    if not enrolled:
        raise AssignmentError(_("This person is not enrolled in this course."))
    extension, _created = AssignmentExtension.objects.update_or_create(
        learner=learner,
        assignment=assignment,
        defaults={"due_at": due_at, "reason": reason, "granted_by": granted_by},
    )
    return extension


__all__ = [
    "AssignmentError",
    "AssignmentForbidden",
    "allowed_file_types",
    "content_matches_extension",
    "days_late_at",
    "due_at_for",
    "extension_grant",
    "grading_allowed",
    "late_penalty_apply",
    "rubric_score",
    "submission_create",
    "submission_grade",
]
