"""Demo certificates for `seed_demo`. Idempotent: run it again and nothing doubles.

A finished run of the start-up course, whose learners completed it: learner@
has a valid certificate, learner2@ one that was reissued after a misspelt
English name (so its history shows both), learner3@ one that was revoked. The
accounting course issues by hand: learner4@ completed a past run and waits for
staff to issue (the "Issue" button on its run page). The default template gets
a seal and the center head's signature, drawn here as images.
"""

import datetime as dt
import io
import math
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from courses.models import CoursePage
from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus, Pacing

from .fonts import font_paths
from .models import (
    Certificate,
    CertificateSignatory,
    CertificateTemplate,
    CourseCertificate,
)
from .services import (
    certificate_issue,
    certificate_pdf_generate,
    certificate_reissue,
    certificate_revoke,
)

STAFF = "staff@campus.example"
STARTUP = "social-enterprise-startup-basics"
ACCOUNTING = "cooperative-accounting-and-finance"
PAST_RUN = {"ko": "1기 (지난 과정)", "en": "Cohort 1 (past)"}


def _png(draw, size=(600, 600)) -> bytes:
    from PIL import Image as PILImage

    image = PILImage.new("RGBA", size, (0, 0, 0, 0))
    draw(image)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _seal(image) -> None:
    """A red square seal, 교육/센터, as Korean institutions stamp them."""
    from PIL import ImageDraw, ImageFont

    red = (192, 38, 38, 230)
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, 560, 560), radius=36, outline=red, width=30)
    font = ImageFont.truetype(str(font_paths()["CampusHangul-Bold"]), 210)
    for row, text in enumerate(("교육", "센터")):
        pen.text((300, 185 + row * 230), text, fill=red, font=font, anchor="mm")


def _signature(image) -> None:
    """A pen stroke that reads as a signature."""
    from PIL import ImageDraw

    pen = ImageDraw.Draw(image)
    points = [
        (40 + t * 5.2, 100 - 70 * math.sin(t / 7) * math.exp(-t / 80) - t * 0.3)
        for t in range(100)
    ]
    pen.line(points, fill=(20, 30, 60, 255), width=9, joint="curve")
    pen.line([(90, 170), (540, 140)], fill=(20, 30, 60, 255), width=6)


def _image(title: str, draw, size=(600, 600)):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(_png(draw, size)), name=f"{title}.png")
        image.save()
    return image


def seed_templates() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate(is_default=True)
    template.name = "기본 이수증 (Default)"
    template.seal = _image("demo-certificate-seal", _seal)
    template.save()
    signature = _image("demo-certificate-signature", _signature, (600, 200))
    CertificateSignatory.objects.update_or_create(
        template=template,
        sort_order=0,
        defaults={
            "name_ko": "박서연",
            "name_en": "Seoyeon Park",
            "title_ko": "교육센터장",
            "title_en": "Director, Education Center",
            "signature": signature,
        },
    )
    residential, _ = CertificateTemplate.objects.update_or_create(
        name="합숙 과정 (Residential)",
        defaults={
            "title_ko": "수료증",
            "title_en": "Certificate of Attendance",
            "body_ko": (
                "위 사람은 {start_date}부터 {end_date}까지 혁신타운 숙박동에서 진행된 "
                "합숙 과정 「{course}」({hours}시간)를 수료하였으므로 이 증서를 드립니다."
            ),
            "body_en": (
                "has attended the residential course {course} ({hours} hours) "
                "at the Innovation Town from {start_date} to {end_date}."
            ),
            "primary_colour": "#3b5ba5",
            "accent_colour": "#8a6d00",
        },
    )
    residential_course = CoursePage.objects.filter(
        slug="local-food-market-access-residential", locale__language_code="ko"
    ).first()
    if residential_course is not None:
        CourseCertificate.objects.update_or_create(
            course=residential_course, defaults={"template": residential}
        )
    return template


def _past_run(course: CoursePage, today: dt.date) -> CourseRun:
    """The finished run of `course`: one run, shown on both languages' pages."""
    run, _ = CourseRun.objects.update_or_create(
        course=course,
        title_ko=PAST_RUN["ko"],
        defaults={
            "title_en": PAST_RUN["en"],
            # an earlier, on-site cohort: completed by attending its meetings
            "completion_requires_lessons": False,
            "completion_requires_assessments": False,
            "completion_min_grade": None,
            "completion_min_attendance": 75,
            "starts_on": today - dt.timedelta(days=90),
            "ends_on": today - dt.timedelta(days=45),
            "pacing": Pacing.SCHEDULED,
            "is_published": False,  # finished: not in the catalog
            "capacity": 30,
        },
    )
    return run


def _past_meetings(run: CourseRun) -> list:
    """The past run's four weekly meetings (rows: they are history, which the
    scheduling services would refuse to create)."""
    from lms.timetable.models import LectureSession, Room, SessionOccurrence

    session = LectureSession.objects.filter(run=run).first()
    room = Room.objects.filter(kind="seminar_room").order_by("pk").first()
    if session is None and room is not None:
        # each past run meets at its own hour, so two never share the room
        earlier = LectureSession.objects.filter(room=room, title__endswith="정기 모임")
        hour = 9 + 4 * (earlier.count() % 3)
        first = dt.datetime.combine(
            run.starts_on, dt.time(hour), tzinfo=ZoneInfo("Asia/Seoul")
        )
        session = LectureSession.objects.create(
            kind="lecture",
            run=run,
            title=f"{run.title_ko} 정기 모임",
            room=room,
            starts_at=first,
            ends_at=first + dt.timedelta(hours=3),
            rrule="FREQ=WEEKLY;COUNT=4",
        )
        for index in range(4):
            starts = first + dt.timedelta(weeks=index)
            SessionOccurrence.objects.create(
                session=session,
                index=index,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=3),
                room=room,
                run=run,
            )
    return list(session.occurrences.all()) if session is not None else []


def _completed(run: CourseRun, learner, *, grade: str, days_ago: int) -> Enrollment:
    """A completion the run's rules grant: the learner attended its meetings."""
    from lms.timetable.models import Attendance

    for occurrence in _past_meetings(run):
        Attendance.objects.get_or_create(
            occurrence=occurrence, learner=learner, defaults={"status": "present"}
        )
    enrollment, _ = Enrollment.objects.get_or_create(
        run=run,
        learner=learner,
        defaults={
            "status": EnrollmentStatus.COMPLETED,
            "completed_at": timezone.now() - dt.timedelta(days=days_ago),
            "final_grade": Decimal(grade),
            "notified_status": EnrollmentStatus.COMPLETED,
            "source": "csv",
        },
    )
    return enrollment


def _issue(enrollment: Enrollment) -> Certificate:
    certificate, _ = certificate_issue(enrollment_id=enrollment.pk)
    certificate_pdf_generate(certificate_id=certificate.pk)
    return certificate


def seed_certificates(*, people) -> list[Certificate]:
    """Templates, a finished run with issued, reissued and revoked certificates,
    and a completion that waits for staff to issue by hand."""
    seed_templates()
    staff = people[STAFF]
    today = timezone.localdate()
    startup = CoursePage.objects.get(slug=STARTUP, locale__language_code="ko")
    run = _past_run(startup, today)

    _issue(_completed(run, people["learner@campus.example"], grade="94.5", days_ago=46))

    corrected = _completed(
        run, people["learner2@campus.example"], grade="88", days_ago=46
    )
    if not Certificate.objects.filter(enrollment=corrected).exists():
        first = _issue(corrected)
        # the demo's story: the first one went out with a misspelt English name
        Certificate.objects.filter(pk=first.pk).update(learner_name_en="Sohee Yun")
        first.refresh_from_db()
        replacement = certificate_reissue(
            certificate=first,
            actor=staff,
            reason="영문 이름 철자 정정 (Yun → Yoon)",
            render_after_commit=False,
        )
        certificate_pdf_generate(certificate_id=replacement.pk)

    revoked = _issue(
        _completed(run, people["learner3@campus.example"], grade="71", days_ago=46)
    )
    if revoked.revoked_at is None:
        certificate_revoke(
            certificate=revoked,
            actor=staff,
            reason="출석 기록 정정으로 이수 요건 미충족 확인",
        )

    accounting = CoursePage.objects.get(slug=ACCOUNTING, locale__language_code="ko")
    CourseCertificate.objects.update_or_create(
        course=accounting, defaults={"issue_on_completion": False}
    )
    by_hand_run = _past_run(accounting, today)
    _completed(by_hand_run, people["learner4@campus.example"], grade="90", days_ago=50)
    return list(Certificate.objects.filter(run=run))
