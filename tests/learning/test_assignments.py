"""Assignments: submitting, late work, resubmission, rubric grading, who may do what.

Refusals are checked in English (the Korean catalogue is filled in later by
makemessages); one test checks that the refusal follows the visitor's language.
"""

import io
import zipfile
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.models import AssignmentPage
from lms.learning.models import (
    AssignmentExtension,
    Enrollment,
    EnrollmentStatus,
    Submission,
    SubmissionStatus,
)
from lms.learning.services import (
    AssignmentError,
    AssignmentForbidden,
    extension_grant,
    submission_create,
    submission_grade,
)
from lms.learning.services.assignments import late_penalty_apply, rubric_score

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    course_tree_create,
    instructor_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "word/document.xml")
HWPX = _zip("mimetype", "Contents/section0.xml")


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _files_in(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def frozen_now(monkeypatch):
    """`frozen_now(moment)` stops the clock the services read at `moment`."""

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze


@pytest.fixture
def submission(assignment_learner, assignment_page):
    return submission_create(
        learner=assignment_learner, assignment=assignment_page, text="제 계획서입니다."
    )


@pytest.fixture
def other_course_instructor(catalog):
    return instructor_create(courses=[course_tree_create(index=catalog)])


# --- what a submission may hold ----------------------------------------------------


def test_text_submission_is_version_one_and_waits_for_a_grade(
    assignment_learner, assignment_page
):
    submission = submission_create(
        learner=assignment_learner, assignment=assignment_page, text="  답안  "
    )
    assert submission.version == 1
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.text == "답안"
    assert not submission.file
    assert submission.enrollment.learner == assignment_learner
    assert submission.days_late == 0


def test_file_is_stored_under_a_random_name_and_keeps_the_original_name(
    assignment_learner, assignment_page, private_media
):
    submission = submission_create(
        learner=assignment_learner,
        assignment=assignment_page,
        text="",
        upload=_file("사업계획서 최종.pdf", PDF),
    )
    assert submission.original_filename == "사업계획서 최종.pdf"
    assert submission.file.name.startswith("submissions/")
    assert submission.file.name.endswith(".pdf")
    assert "사업계획서" not in submission.file.name
    [stored] = _files_in(private_media)
    assert stored.read_bytes() == PDF


@pytest.mark.parametrize(
    ("submission_type", "text", "upload", "message"),
    [
        ("text", "", None, "Write your answer"),
        ("text", "답안", ("plan.pdf", PDF), "takes a written answer, not a file"),
        ("file", "", None, "Choose a file"),
        ("file", "답안", ("plan.pdf", PDF), "takes a file, not a written answer"),
        ("text_and_file", "   ", None, "Write an answer or choose a file"),
    ],
)
def test_submission_must_fit_the_assignment_type(
    make_assignment, assignment_learner, submission_type, text, upload, message
):
    assignment = make_assignment(submission_type=submission_type)
    with pytest.raises(AssignmentError, match=message):
        submission_create(
            learner=assignment_learner,
            assignment=assignment,
            text=text,
            upload=_file(*upload) if upload else None,
        )
    assert not Submission.objects.exists()


def test_disallowed_file_type_is_refused_and_nothing_is_written(
    assignment_learner, assignment_page, private_media
):
    with pytest.raises(AssignmentError, match="not accepted. Allowed: pdf, docx"):
        submission_create(
            learner=assignment_learner,
            assignment=assignment_page,
            text="",
            upload=_file("virus.exe", b"MZ\x90\x00"),
        )
    assert not Submission.objects.exists()
    assert _files_in(private_media) == []


def test_oversized_file_is_refused(make_assignment, assignment_learner, private_media):
    assignment = make_assignment(max_file_mb=1)
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(AssignmentError, match="too large. The limit is 1 MB"):
        submission_create(
            learner=assignment_learner,
            assignment=assignment,
            text="",
            upload=_file("plan.pdf", big),
        )
    assert not Submission.objects.exists()
    assert _files_in(private_media) == []


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("plan.pdf", PDF, True),
        ("plan.pdf", b"<html>not a pdf</html>", False),
        ("plan.docx", DOCX, True),
        ("plan.docx", _zip("readme.txt"), False),
        ("plan.docx", PDF, False),
        ("plan.hwpx", HWPX, True),
        ("plan.hwp", OLE, True),
        ("plan.hwp", PDF, False),
        ("photo.png", PNG, True),
        ("photo.png", JPEG, False),
        ("photo.jpg", JPEG, True),
        ("notes.txt", "사회적경제 메모".encode(), True),
        ("notes.txt", b"\xff\xfe\x00\xd8bad", False),
        ("bundle.zip", _zip("a.txt"), True),
        ("bundle.zip", b"PK\x03\x04broken", False),
    ],
)
def test_file_contents_must_match_the_extension(
    assignment_learner, assignment_page, private_media, name, content, accepted
):
    upload = _file(name, content)
    if accepted:
        submission_create(
            learner=assignment_learner,
            assignment=assignment_page,
            text="",
            upload=upload,
        )
        assert Submission.objects.count() == 1
    else:
        with pytest.raises(AssignmentError, match="contents do not match its type"):
            submission_create(
                learner=assignment_learner,
                assignment=assignment_page,
                text="",
                upload=upload,
            )
        assert not Submission.objects.exists()
        assert _files_in(private_media) == []


def test_a_failed_save_removes_the_file_it_wrote(
    assignment_learner, assignment_page, private_media, monkeypatch
):
    def refuse(*args, **kwargs):
        raise IntegrityError("simulated race")

    monkeypatch.setattr(Submission, "save", refuse)
    with pytest.raises(AssignmentError, match="same time"):
        submission_create(
            learner=assignment_learner,
            assignment=assignment_page,
            text="",
            upload=_file("plan.pdf", PDF),
        )
    assert _files_in(private_media) == []


def test_a_learner_not_enrolled_cannot_submit(learner, assignment_page):
    with pytest.raises(AssignmentForbidden, match="Enrol in this course"):
        submission_create(learner=learner, assignment=assignment_page, text="답안")
    assert not Submission.objects.exists()


# --- due dates and late work --------------------------------------------------------


def test_late_work_is_refused_under_the_refuse_policy(
    make_assignment, assignment_learner, frozen_now
):
    assignment = make_assignment(late_policy="refuse")
    frozen_now(assignment.due_at + timedelta(minutes=1))
    with pytest.raises(AssignmentError, match="due date has passed"):
        submission_create(
            learner=assignment_learner, assignment=assignment, text="늦음"
        )
    assert not Submission.objects.exists()


def test_work_on_the_due_minute_is_on_time(
    make_assignment, assignment_learner, frozen_now
):
    assignment = make_assignment(late_policy="refuse")
    frozen_now(assignment.due_at)
    submission = submission_create(
        learner=assignment_learner, assignment=assignment, text="딱 맞춤"
    )
    assert submission.days_late == 0


@pytest.mark.parametrize(
    ("late_by", "days"),
    [
        (timedelta(seconds=1), 1),
        (timedelta(days=1), 1),
        (timedelta(days=2, hours=12), 3),
    ],
)
def test_days_late_are_counted_up_to_whole_days(
    make_assignment, assignment_learner, frozen_now, late_by, days
):
    assignment = make_assignment(late_policy="penalty")
    frozen_now(assignment.due_at + late_by)
    submission = submission_create(
        learner=assignment_learner, assignment=assignment, text="늦음"
    )
    assert submission.days_late == days
    assert submission.submitted_at == assignment.due_at + late_by


def test_an_extension_moves_the_due_date_for_that_learner_only(
    make_assignment, assignment_learner, assignment_instructor, run, frozen_now
):
    assignment = make_assignment(late_policy="refuse")
    classmate = EnrollmentFactory(run=run).learner
    extension_grant(
        assignment=assignment,
        learner=assignment_learner,
        due_at=assignment.due_at + timedelta(days=3),
        reason="병가",
        granted_by=assignment_instructor,
    )
    frozen_now(assignment.due_at + timedelta(days=1))
    submission = submission_create(
        learner=assignment_learner, assignment=assignment, text="연장 덕분에"
    )
    assert submission.days_late == 0
    with pytest.raises(AssignmentError, match="due date has passed"):
        submission_create(learner=classmate, assignment=assignment, text="늦음")


def test_granting_again_changes_the_extension(
    assignment_page, assignment_learner, assignment_instructor
):
    for days in (2, 5):
        extension_grant(
            assignment=assignment_page,
            learner=assignment_learner,
            due_at=assignment_page.due_at + timedelta(days=days),
            reason="",
            granted_by=assignment_instructor,
        )
    extension = AssignmentExtension.objects.get()
    assert extension.due_at == assignment_page.due_at + timedelta(days=5)


def test_extensions_are_for_enrolled_learners_and_granted_by_instructors(
    assignment_page, assignment_learner, learner, other_course_instructor
):
    later = assignment_page.due_at + timedelta(days=2)
    with pytest.raises(AssignmentForbidden):
        extension_grant(
            assignment=assignment_page,
            learner=assignment_learner,
            due_at=later,
            reason="",
            granted_by=other_course_instructor,
        )
    with pytest.raises(AssignmentError, match="not enrolled"):
        extension_grant(
            assignment=assignment_page,
            learner=learner,
            due_at=later,
            reason="",
            granted_by=instructor_create(courses=[assignment_page.course]),
        )
    assert not AssignmentExtension.objects.exists()


# --- resubmission ---------------------------------------------------------------------


def test_resubmission_adds_a_version_and_supersedes_the_earlier_ones(
    assignment_learner, assignment_page
):
    first = submission_create(
        learner=assignment_learner, assignment=assignment_page, text="초안"
    )
    second = submission_create(
        learner=assignment_learner, assignment=assignment_page, text="수정본"
    )
    third = submission_create(
        learner=assignment_learner, assignment=assignment_page, text="최종본"
    )
    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert [first.version, second.version, third.version] == [1, 2, 3]
    assert statuses[first.pk] == statuses[second.pk] == SubmissionStatus.SUPERSEDED
    assert statuses[third.pk] == SubmissionStatus.SUBMITTED


def test_resubmission_is_refused_when_not_allowed(make_assignment, assignment_learner):
    assignment = make_assignment(allow_resubmission=False)
    submission_create(learner=assignment_learner, assignment=assignment, text="한 번")
    with pytest.raises(AssignmentError, match="cannot be resubmitted"):
        submission_create(
            learner=assignment_learner, assignment=assignment, text="두 번"
        )
    assert Submission.objects.count() == 1


# --- grading ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "raw"),
    [([2, 1], "100.00"), ([1, 0], "16.67"), ([0, 0], "0.00"), ([1, 1], "83.33")],
)
def test_rubric_points_are_scaled_to_the_assignment_points(
    submission, assignment_instructor, choices, raw
):
    graded = submission_grade(
        submission=submission,
        grader=assignment_instructor,
        rubric_choices=choices,
        feedback="논리가 분명합니다.",
    )
    graded.refresh_from_db()
    assert graded.status == SubmissionStatus.GRADED
    assert graded.raw_score == graded.score == Decimal(raw)
    assert graded.rubric_choices == choices
    assert graded.feedback == "논리가 분명합니다."
    assert graded.graded_by == assignment_instructor
    assert graded.graded_at is not None


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (None, "one level for every criterion"),
        ([2], "one level for every criterion"),
        ([2, 1, 0], "one level for every criterion"),
        ([2, None], "one level for every criterion"),
        ([3, 0], "has no such level"),
        ([-1, 0], "has no such level"),
    ],
)
def test_rubric_grade_needs_one_valid_level_per_criterion(
    submission, assignment_instructor, choices, message
):
    with pytest.raises(AssignmentError, match=message):
        submission_grade(
            submission=submission, grader=assignment_instructor, rubric_choices=choices
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.score is None


@pytest.mark.parametrize("score", ["-1", "100.01", "abc", "", "NaN", None])
def test_score_without_rubric_must_be_within_the_points(
    make_assignment, assignment_learner, assignment_instructor, score
):
    assignment = make_assignment(rubric=[], max_points=100)
    submission = submission_create(
        learner=assignment_learner, assignment=assignment, text="답안"
    )
    with pytest.raises(AssignmentError):
        submission_grade(
            submission=submission, grader=assignment_instructor, score=score
        )
    submission.refresh_from_db()
    assert submission.score is None


def test_late_penalty_takes_a_share_per_day_late(
    make_assignment, assignment_learner, assignment_instructor, frozen_now
):
    assignment = make_assignment(
        rubric=[], max_points=100, late_policy="penalty", late_penalty_percent=10
    )
    frozen_now(assignment.due_at + timedelta(days=1, hours=2))  # 2 days late
    submission = submission_create(
        learner=assignment_learner, assignment=assignment, text="늦은 답안"
    )
    graded = submission_grade(
        submission=submission, grader=assignment_instructor, score="80"
    )
    assert graded.raw_score == Decimal("80.00")
    assert graded.score == Decimal("64.00")


def test_late_work_accepted_without_penalty_keeps_its_score(
    make_assignment, assignment_learner, assignment_instructor, frozen_now
):
    assignment = make_assignment(rubric=[], late_policy="accept")
    frozen_now(assignment.due_at + timedelta(days=3))
    submission = submission_create(
        learner=assignment_learner, assignment=assignment, text="늦은 답안"
    )
    graded = submission_grade(
        submission=submission, grader=assignment_instructor, score="80"
    )
    assert graded.days_late == 3
    assert graded.score == Decimal("80.00")


@pytest.mark.parametrize(
    ("raw", "days", "percent", "expected"),
    [
        ("80", 0, 10, "80.00"),
        ("80", 1, 10, "72.00"),
        ("80", 10, 10, "0.00"),
        ("80", 15, 10, "0.00"),
        ("33.33", 1, 25, "25.00"),
        ("100", 3, 0, "100.00"),
    ],
)
def test_late_penalty_arithmetic(raw, days, percent, expected):
    assert late_penalty_apply(
        raw=Decimal(raw), days_late=days, percent_per_day=percent
    ) == Decimal(expected)


@st.composite
def _rubrics(draw):
    criteria = draw(
        st.lists(
            st.lists(
                st.decimals(min_value=0, max_value=100, places=2),
                min_size=1,
                max_size=5,
            ),
            min_size=1,
            max_size=6,
        )
    )
    choices = [draw(st.integers(0, len(levels) - 1)) for levels in criteria]
    max_points = draw(st.decimals(min_value=0, max_value=1000, places=2))
    return criteria, choices, max_points


@settings(max_examples=200, deadline=None)
@given(_rubrics())
def test_rubric_score_is_the_scaled_sum_within_the_points(rubric):
    criteria, choices, max_points = rubric
    assignment = AssignmentPage(
        max_points=max_points,
        rubric=[
            {
                "type": "criterion",
                "value": {
                    "criterion": f"기준 {n}",
                    "levels": [
                        {"label": str(p), "points": str(p), "description": ""}
                        for p in levels
                    ],
                },
            }
            for n, levels in enumerate(criteria)
        ],
    )
    score = rubric_score(assignment=assignment, choices=choices)
    chosen = sum((levels[c] for levels, c in zip(criteria, choices, strict=True)), 0)
    top = sum((max(levels) for levels in criteria), Decimal(0))
    expected = (
        (Decimal(chosen) * max_points / top).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if top
        else Decimal(0)
    )
    assert score == expected
    assert Decimal(0) <= score <= max_points


def test_a_superseded_version_cannot_be_graded(
    submission, assignment_learner, assignment_page, assignment_instructor
):
    submission_create(learner=assignment_learner, assignment=assignment_page, text="v2")
    with pytest.raises(AssignmentError, match="newer version"):
        submission_grade(
            submission=submission, grader=assignment_instructor, rubric_choices=[2, 1]
        )


def test_only_the_course_instructors_and_staff_grade(
    submission, other_course_instructor, assignment_learner, staff_user
):
    for outsider in (other_course_instructor, assignment_learner):
        with pytest.raises(AssignmentForbidden, match="Only the instructors"):
            submission_grade(
                submission=submission, grader=outsider, rubric_choices=[2, 1]
            )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    graded = submission_grade(
        submission=submission, grader=staff_user, rubric_choices=[2, 1]
    )
    assert graded.status == SubmissionStatus.GRADED


def test_grading_the_last_requirement_completes_the_enrolment(
    catalog, make_assignment, assignment_instructor, course
):
    run = CourseRunFactory(
        course=course,
        completion_requires_lessons=False,
        completion_requires_assessments=True,
    )
    enrollment = EnrollmentFactory(run=run)
    assignment = make_assignment(pass_mark=60)
    submission = submission_create(
        learner=enrollment.learner, assignment=assignment, text="최종 보고서"
    )
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE
    submission_grade(
        submission=submission, grader=assignment_instructor, rubric_choices=[2, 1]
    )
    enrollment = Enrollment.objects.get(pk=enrollment.pk)
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert enrollment.completed_at is not None


def test_a_failing_grade_does_not_complete_the_enrolment(
    make_assignment, assignment_instructor, course
):
    run = CourseRunFactory(course=course, completion_requires_lessons=False)
    enrollment = EnrollmentFactory(run=run)
    assignment = make_assignment(pass_mark=60)
    submission = submission_create(
        learner=enrollment.learner, assignment=assignment, text="보고서"
    )
    submission_grade(
        submission=submission, grader=assignment_instructor, rubric_choices=[1, 0]
    )
    assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.ACTIVE


# --- over HTTP: submitting ---


def test_submit_view_saves_and_returns_to_the_assignment(
    client, assignment_learner, assignment_page, private_media
):
    client.force_login(assignment_learner)
    response = client.post(
        reverse("learning:assignment-submit", args=[assignment_page.pk]),
        {"text": "웹에서 제출", "file": _file("plan.pdf", PDF)},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(assignment_page.url)
    submission = Submission.objects.get()
    assert submission.text == "웹에서 제출"
    assert submission.original_filename == "plan.pdf"


def test_bad_upload_over_http_is_a_400_with_the_message_and_nothing_saved(
    client, assignment_learner, assignment_page, private_media
):
    client.force_login(assignment_learner)
    response = client.post(
        reverse("learning:assignment-submit", args=[assignment_page.pk]),
        {"text": "제 답안", "file": _file("plan.pdf", b"GIF89a fake")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "contents do not match its type" in body
    assert "제 답안" in body  # the typed answer is kept
    assert not Submission.objects.exists()
    assert _files_in(private_media) == []


def test_refusal_is_in_the_visitors_language(
    client, assignment_learner, make_assignment
):
    assignment = make_assignment(submission_type="text")
    client.force_login(assignment_learner)
    message = "Write your answer before submitting."
    for language in ("ko", "en"):
        with translation.override(language):
            url = reverse("learning:assignment-submit", args=[assignment.pk])
            expected = translation.gettext(message)
        assert url.startswith("/en/") == (language == "en")
        response = client.post(url, {"text": ""})
        assert response.status_code == 400
        assert expected in response.content.decode()


def test_a_learner_of_another_course_cannot_submit(client, learner, assignment_page):
    client.force_login(learner)
    response = client.post(
        reverse("learning:assignment-submit", args=[assignment_page.pk]),
        {"text": "몰래"},
    )
    assert response.status_code == 403
    assert "Enrol in this course" in response.content.decode()
    assert not Submission.objects.exists()


def test_assignment_page_shows_due_date_extension_rubric_form_and_versions(
    client, assignment_learner, assignment_page, assignment_instructor
):
    extension_grant(
        assignment=assignment_page,
        learner=assignment_learner,
        due_at=assignment_page.due_at + timedelta(days=2),
        reason="",
        granted_by=assignment_instructor,
    )
    submission = submission_create(
        learner=assignment_learner, assignment=assignment_page, text="첫 답안"
    )
    submission_grade(
        submission=submission,
        grader=assignment_instructor,
        rubric_choices=[2, 0],
        feedback="계획을 보완하세요.",
    )
    client.force_login(assignment_learner)
    response = client.get(assignment_page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "연장된 마감" in body
    assert "문제 정의" in body and "실행 계획" in body
    assert 'accept=".pdf,.docx,.hwp,.hwpx' in body
    assert 'name="text"' in body and 'type="file"' in body
    assert "첫 답안" in body
    assert "계획을 보완하세요." in body
    assert "33.33" in body


def test_anonymous_visitors_are_sent_to_log_in(client, assignment_page, submission):
    for url in (
        assignment_page.url,
        reverse("learning:submission-file", args=[submission.pk]),
        reverse("learning:submission-grade", args=[submission.pk]),
        reverse("learning:grading-queue"),
        reverse("learning:assignment-extension", args=[assignment_page.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url
    response = client.post(
        reverse("learning:assignment-submit", args=[assignment_page.pk]), {"text": "x"}
    )
    assert "/accounts/login/" in response["Location"]


# --- over HTTP: the file --------------------------------------------------------------


@pytest.fixture
def file_submission(assignment_learner, assignment_page):
    return submission_create(
        learner=assignment_learner,
        assignment=assignment_page,
        text="",
        upload=_file("계획서.pdf", PDF),
    )


def test_the_file_is_served_as_an_attachment_to_its_learner_and_teachers(
    client, file_submission, assignment_learner, assignment_instructor, staff_user
):
    url = reverse("learning:submission-file", args=[file_submission.pk])
    for viewer in (assignment_learner, assignment_instructor, staff_user):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert (
            "filename*=utf-8''%EA%B3%84%ED%9A%8D%EC%84%9C.pdf"
            in (response["Content-Disposition"])
        )
        assert b"".join(response.streaming_content) == PDF


def test_another_learner_or_another_course_instructor_cannot_download(
    client, file_submission, run, other_course_instructor
):
    classmate = EnrollmentFactory(run=run).learner
    url = reverse("learning:submission-file", args=[file_submission.pk])
    for outsider in (classmate, other_course_instructor):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


# --- over HTTP: grading ---


def test_another_course_instructor_cannot_grade_over_http(
    client, submission, other_course_instructor, assignment_learner
):
    url = reverse("learning:submission-grade", args=[submission.pk])
    for outsider in (other_course_instructor, assignment_learner):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        response = client.post(url, {"criterion-0": "2", "criterion-1": "1"})
        assert response.status_code == 403
        assert "Only the instructors" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_learners_cannot_open_the_grading_queue(client, assignment_learner):
    client.force_login(assignment_learner)
    assert client.get(reverse("learning:grading-queue")).status_code == 403


def test_grading_form_shows_the_rubric_as_radio_buttons(
    client, submission, assignment_instructor
):
    client.force_login(assignment_instructor)
    response = client.get(reverse("learning:submission-grade", args=[submission.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('type="radio" name="criterion-0"') == 3
    assert body.count('type="radio" name="criterion-1"') == 2
    assert "제 계획서입니다." in body


def test_grading_saves_and_moves_to_the_next_submission(
    client, run, assignment_page, assignment_instructor
):
    learners = [EnrollmentFactory(run=run).learner for _ in range(3)]
    first, second, third = (
        submission_create(learner=learner, assignment=assignment_page, text="답")
        for learner in learners
    )
    client.force_login(assignment_instructor)
    response = client.post(
        reverse("learning:submission-grade", args=[first.pk]),
        {"criterion-0": "2", "criterion-1": "1", "feedback": "좋습니다."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "learning:submission-grade", args=[second.pk]
    )
    first.refresh_from_db()
    assert first.score == Decimal("100.00")
    assert first.feedback == "좋습니다."
    # graded out of order: the next is the one after it, then back to the oldest
    response = client.post(
        reverse("learning:submission-grade", args=[third.pk]),
        {"criterion-0": "1", "criterion-1": "1"},
    )
    assert response["Location"] == reverse(
        "learning:submission-grade", args=[second.pk]
    )
    response = client.post(
        reverse("learning:submission-grade", args=[second.pk]),
        {"criterion-0": "0", "criterion-1": "0"},
    )
    assert response["Location"] == reverse("learning:grading-queue")


def test_grading_with_a_missing_level_is_a_400_and_saves_nothing(
    client, submission, assignment_instructor
):
    client.force_login(assignment_instructor)
    response = client.post(
        reverse("learning:submission-grade", args=[submission.pk]),
        {"criterion-0": "2", "feedback": "반쯤"},
    )
    assert response.status_code == 400
    assert "one level for every criterion" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.feedback == ""


def test_the_queue_holds_only_waiting_work_of_the_graders_courses(
    client, catalog, submission, assignment_instructor, other_course_instructor
):
    client.force_login(assignment_instructor)
    response = client.get(reverse("learning:grading-queue"))
    assert response.context["submissions"] == [submission]
    client.force_login(other_course_instructor)
    response = client.get(reverse("learning:grading-queue"))
    assert response.context["submissions"] == []


# under Korean, after a first request warmed the site cache: session and user,
# staff group, teaches a course?, taught course paths, the count, one page of
# submissions, their courses, the assignments to filter by
GRADING_QUEUE_QUERIES = 9


def _queue_queries(client, url) -> int:
    client.get(url)  # the site and locale lookups are cached after the first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_queue_page_queries_do_not_grow_with_the_queue(
    client, run, make_assignment, assignment_page, assignment_instructor
):
    other = make_assignment(title="두 번째 과제")
    client.force_login(assignment_instructor)
    submission_create(
        learner=EnrollmentFactory(run=run).learner, assignment=assignment_page, text="1"
    )
    with translation.override("ko"):
        url = reverse("learning:grading-queue")
    few = _queue_queries(client, url)
    assert few == GRADING_QUEUE_QUERIES
    for n in range(12):
        submission_create(
            learner=EnrollmentFactory(run=run).learner,
            assignment=other if n % 2 else assignment_page,
            text=str(n),
        )
    assert _queue_queries(client, url) == few
    filtered = f"{url}?assignment={other.pk}"
    assert len(client.get(filtered).context["submissions"]) == 6


# --- over HTTP: extensions ---


def test_instructor_grants_an_extension_through_the_form(
    client, assignment_page, assignment_learner, assignment_instructor
):
    client.force_login(assignment_instructor)
    url = reverse("learning:assignment-extension", args=[assignment_page.pk])
    later = timezone.localtime(assignment_page.due_at + timedelta(days=3))
    response = client.post(
        url,
        {
            "learner": assignment_learner.pk,
            "due_at": later.strftime("%Y-%m-%dT%H:%M"),
            "reason": "가족 행사",
        },
    )
    assert response.status_code == 302
    extension = AssignmentExtension.objects.get()
    assert extension.learner == assignment_learner
    assert extension.granted_by == assignment_instructor
    assert extension.reason == "가족 행사"


def test_extension_form_refuses_outsiders_and_bad_dates(
    client, assignment_page, assignment_learner, assignment_instructor, learner
):
    url = reverse("learning:assignment-extension", args=[assignment_page.pk])
    client.force_login(learner)
    assert client.get(url).status_code == 403
    client.force_login(assignment_instructor)
    earlier = timezone.localtime(assignment_page.due_at - timedelta(days=1))
    response = client.post(
        url,
        {
            "learner": assignment_learner.pk,
            "due_at": earlier.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    assert "must be later" in response.content.decode()
    response = client.post(url, {"learner": learner.pk, "due_at": "2030-01-01T10:00"})
    assert response.status_code == 400  # not enrolled: not among the choices
    assert not AssignmentExtension.objects.exists()
