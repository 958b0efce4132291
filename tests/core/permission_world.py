"""The world the permission matrix runs in: the demo site plus a few objects
the demo lacks, and the refs (`{stay}`, `{run}` …) that the matrix's paths name.

Learner A (`learner@`) owns the objects; learner B (`learner2@`) is enrolled
in the same run, so a refusal to B is about the object, not the course. The
instructor teaches that run's course; instructor 2 teaches other courses only.
The partner administers Hanbit University and not Nuri.
"""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

# role → demo account (None: anonymous); the order is the matrix's columns
ACCOUNTS = {
    "anon": None,
    "learner": "learner@campus.example",
    "learner2": "learner2@campus.example",
    "instructor": "instructor@campus.example",
    "instructor2": "instructor2@campus.example",
    "staff": "staff@campus.example",
    "admin": "admin@campus.example",
    "partner": "partner@campus.example",
    "researcher": "researcher@campus.example",
}
ROLES = tuple(ACCOUNTS)
MISSING = 999999  # an id no object has


def people() -> dict:
    from lms.accounts.models import User

    return {
        role: User.objects.get(email=email) for role, email in ACCOUNTS.items() if email
    }


def _stay_for(enrollment):
    from lms.lodging.models import GenderPolicy
    from lms.lodging.services import stay_hold

    return stay_hold(enrollment=enrollment, room_policy=GenderPolicy.MIXED)


def _booking_for(user):
    """A room booking of `user`'s, on the first weekday from a week ahead that
    some bookable takes (a holiday or a rule may refuse one day)."""
    from zoneinfo import ZoneInfo

    from cms.booking_models import Bookable
    from cms.services.bookings import BookingError, booking_create

    seoul = ZoneInfo("Asia/Seoul")
    bookables = list(Bookable.objects.filter(is_active=True).order_by("pk"))
    for ahead in range(8, 40):
        day = timezone.localdate() + dt.timedelta(days=ahead)
        if day.weekday() >= 5:
            continue
        for bookable in bookables:
            try:
                return booking_create(
                    user=user,
                    bookable=bookable,
                    starts_at=dt.datetime.combine(day, dt.time(10), seoul),
                    ends_at=dt.datetime.combine(day, dt.time(11), seoul),
                    purpose="matrix",
                )
            except BookingError:
                continue
    raise AssertionError("no bookable takes a booking in the coming weeks")


def world_build(*, seed: bool = True) -> dict:
    """Seed the demo, add what it lacks, and return the refs by name."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.files.base import ContentFile

    from certificates.models import Certificate
    from cms.event_models import EventPage
    from cms.models import HomePage
    from cms.organization_models import OrganizationAdmin, OrganizationProfile
    from cms.request_models import RequestFormPage
    from cms.services.requests import request_submit
    from courses.models import (
        AssignmentPage,
        CoursePage,
        LessonPage,
        LibraryResource,
        QuizPage,
    )
    from courses.selectors import library_resource_list_visible
    from lms.community.models import (
        Cohort,
        MentoringBooking,
        MentoringSlot,
        Notification,
        PeerReview,
        Post,
        StudyGroup,
        StudyGroupMeeting,
        Thread,
    )
    from lms.learning.models import CourseRun, Enrollment, QuizAttempt, Submission
    from lms.partners.models import (
        ApiToken,
        LtiPlatform,
        PartnerCourse,
        PartnerInstitution,
        WebhookDelivery,
        WebhookEndpoint,
    )
    from lms.timetable.models import (
        CalendarFeedToken,
        LectureSession,
        Room,
        SessionOccurrence,
        feed_token_new,
    )
    from lms.timetable.services.attendance import checkin_code_make
    from research_portal.models import PublicationPage

    if seed:
        call_command("seed_demo", verbosity=0)
    who = people()
    learner, learner2 = who["learner"], who["learner2"]
    enrollment = Enrollment.objects.filter(
        learner=learner,
        run__enrollments__learner=learner2,
        run__course__instructor_links__user=who["instructor"],
        run__is_published=True,
    ).first()
    run = enrollment.run
    course = run.course
    # a run not published (past, kept for the record), with a session
    hidden_run = CourseRun.objects.filter(
        is_published=False, sessions__isnull=False
    ).first()
    residential = Enrollment.objects.filter(
        learner=learner, run__is_residential=True
    ).first()
    stay = _stay_for(residential)
    hanbit = PartnerInstitution.objects.get(slug="hanbit")
    endpoint = WebhookEndpoint.objects.filter(institution=hanbit).first()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrollment.created", payload={}
    )
    token = CalendarFeedToken.objects.create(user=learner, token=feed_token_new())
    form_page = RequestFormPage.objects.filter(locale__language_code="ko").first()
    request = request_submit(page=form_page, answers={}, consent=[], user=learner)
    booking = _booking_for(learner)
    occurrence = SessionOccurrence.objects.filter(session__run=run).first()
    submission = Submission.objects.filter(enrollment__learner=learner).first()
    submission.file.save("matrix.txt", ContentFile(b"x"), save=True)
    lesson = (
        LessonPage.objects.live().descendant_of(course).first()
        or LessonPage.objects.live().first()
    )
    attempt = QuizAttempt.objects.filter(enrollment__learner=learner).first()
    review = PeerReview.objects.filter(reviewer=learner).first() or (
        PeerReview.objects.first()
    )
    thread = Thread.objects.filter(author=learner, forum__run=run).first()
    certificate = Certificate.objects.filter(learner=learner).first()
    org_admin = OrganizationAdmin.objects.select_related("organization").first()
    refs = {
        "missing": MISSING,
        "run": run.pk,
        "course": course.pk,
        "course_url": course.url,
        "enrollment": enrollment.pk,
        "residential_enrollment": residential.pk,
        "stay": stay.pk,
        "lesson": lesson.pk,
        "lesson_url": lesson.url,
        "quiz": QuizPage.objects.filter(locale__language_code="ko").first().pk,
        "attempt": attempt.pk,
        "assignment": submission.assignment_id,
        "assignment_url": AssignmentPage.objects.get(pk=submission.assignment_id).url,
        "submission": submission.pk,
        "grade_item": submission.assignment_id,
        "certificate": certificate.pk,
        "certificate_code": certificate.code,
        "achievement_key": course.translation_key,
        "other_course": CoursePage.objects.filter(locale=course.locale)
        .exclude(instructor_links__user=who["instructor"])
        .filter(instructor_links__user=who["instructor2"])
        .first()
        .pk,
        "forum": thread.forum_id,
        "cohort": Cohort.objects.filter(run=run).first().pk,
        "thread": thread.pk,
        "post": Post.objects.filter(author=learner).first().pk,
        "notification": Notification.objects.filter(recipient=learner).first().pk,
        "group": StudyGroup.objects.filter(memberships__user=learner).first().pk,
        "meeting": StudyGroupMeeting.objects.first().pk,
        "slot": MentoringSlot.objects.first().pk,
        "mentoring_booking": MentoringBooking.objects.first().pk,
        "review": review.pk,
        "library": library_resource_list_visible(user=AnonymousUser()).first().pk,
        "library_hidden": LibraryResource.objects.exclude(
            pk__in=library_resource_list_visible(user=AnonymousUser())
        )
        .first()
        .pk,
        "residential_run": residential.run_id,
        "next_month": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "hidden_run": hidden_run.pk,
        "hidden_session": LectureSession.objects.filter(run=hidden_run).first().pk,
        "session": LectureSession.objects.filter(run=run).first().pk,
        "occurrence": occurrence.pk,
        "checkin_code": checkin_code_make(occurrence=occurrence),
        "room": Room.objects.filter(is_active=True).first().pk,
        "feed_token": token.token,
        "partner": "hanbit",
        "other_partner": "nuri",
        "api_token": ApiToken.objects.filter(institution=hanbit).first().pk,
        "other_api_token": ApiToken.objects.exclude(institution=hanbit).first().pk,
        "partner_course": PartnerCourse.objects.filter(institution=hanbit)
        .first()
        .external_id,
        "other_partner_course": PartnerCourse.objects.exclude(institution=hanbit)
        .first()
        .external_id,
        "webhook": endpoint.pk,
        "delivery": delivery.pk,
        "lti_platform": LtiPlatform.objects.first().uuid,
        "bookable": booking.bookable_id,
        "booking": booking.pk,
        "request_ref": request.reference,
        "request": request.pk,
        "form_page": form_page.pk,
        "event_page": EventPage.objects.filter(locale__language_code="ko").first().pk,
        "organization": OrganizationProfile.objects.get(
            organization=org_admin.organization
        ).slug,
        "learner_id": learner.pk,
        "learner2_id": learner2.pk,
        "publication": PublicationPage.objects.live()
        .filter(locale__language_code="ko", alias_of__isnull=True)
        .first()
        .pk,
        "publication_url": PublicationPage.objects.live()
        .filter(locale__language_code="ko")
        .first()
        .url,
        "home": HomePage.objects.filter(locale__language_code="ko").first().pk,
    }
    return refs


def world_files_delete() -> None:
    """Delete the files `world_build` wrote (the rollback keeps no rows of them)."""
    from lms.learning.models import Submission

    for submission in Submission.objects.filter(file__contains="matrix"):
        submission.file.delete(save=False)


# --- asking ------------------------------------------------------------------------

LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/django-admin/login/")


def partner_token() -> str:
    """The demo partner's API token (its value is fixed by the demo)."""
    from lms.partners.demo import PARTNERS

    return next(spec["token"] for spec in PARTNERS if spec["slug"] == "hanbit")


def sessions_open() -> dict:
    """A signed-in session key per role, made once for the whole module."""
    from django.test import Client

    keys = {}
    for role, user in people().items():
        client = Client()
        client.force_login(user)
        keys[role] = client.session.session_key
    return keys


def client_for(role: str, session_keys: dict, path: str):
    """A fresh client for `role`: its session cookie, and for the partner on
    the API its bearer token."""
    from django.conf import settings
    from django.test import Client

    # a visitor from the internet, not the local machine (which may see /metrics)
    headers = {"REMOTE_ADDR": "203.0.113.7"}
    if role == "partner" and path.startswith("/api/"):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {partner_token()}"
    client = Client(**headers)
    if role in session_keys:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_keys[role]
    return client


def outcome(response) -> str:
    """The class of an answer: ok (2xx), login (sent to sign in), 3xx (sent
    elsewhere), or the status code."""
    from urllib.parse import urlsplit

    code = response.status_code
    if 300 <= code < 400:
        location = urlsplit(response["Location"]).path
        bare = location[3:] if location.startswith("/en/") else location
        return "login" if bare.startswith(LOGIN_PATHS) else "3xx"
    if 200 <= code < 300:
        return "ok"
    return str(code)


# tables a refused request may still write: the session and its record of the
# device, django-axes' log of attempts, and the bookkeeping below
BOOKKEEPING_TABLES = (
    "django_session",
    "usersessions_usersession",
    "axes_",
    # a partner token's last use
    "partners_apitoken",
    # what a person has read: a page shown again after a form error marks it
    "community_threadreadstate",
)


def tables_written(queries) -> set:
    """The tables that INSERT, UPDATE or DELETE statements in `queries` touched,
    bookkeeping left out."""
    import re

    written = set()
    for query in queries:
        sql = query["sql"].lstrip()
        match = re.match(
            r'(?is)(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w]+)"?', sql
        )
        if match and not match.group(1).startswith(BOOKKEEPING_TABLES):
            written.add(match.group(1))
    return written
