"""Everything that lists or shows a course run names its course in the reader's
language: a run belongs to the course's canonical (Korean) page, and every
page, export, feed and e-mail about it shows the English page's title to an
English reader and the Korean one to a Korean reader."""

import datetime as dt
from functools import cached_property

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    UserFactory,
    course_tree_create,
    translation_tree_create,
)

pytestmark = pytest.mark.django_db

KOREAN = "협동조합 경영 실무"
ENGLISH = "Running a Cooperative"


@pytest.fixture
def course(catalog):
    """The course, in Korean, with one module of two lessons (overrides the
    conftest's so that its title is one to look for)."""
    return course_tree_create(
        index=catalog, modules=1, lessons=2, title=KOREAN, delivery="residential"
    )


class World:
    """A course in Korean and English with one residential run, and whatever a
    page needs, made when a page asks for it."""

    def __init__(self, course, make_assignment):
        self.course = course
        self.make_assignment = make_assignment
        english = translation_tree_create(course)
        english.title = ENGLISH
        english.save_revision().publish()
        today = timezone.localdate()
        self.run = CourseRunFactory(
            course=course,
            title_ko="2기",
            title_en="Cohort 2",
            capacity=20,
            is_residential=True,
            starts_on=today + dt.timedelta(days=14),
            ends_on=today + dt.timedelta(days=16),
        )
        self.learner = UserFactory()
        self.enrollment = EnrollmentFactory(run=self.run, learner=self.learner)
        self.staff = UserFactory()
        self.staff.groups.add(Group.objects.get(name="Staff"))

    # --- what some pages need -------------------------------------------------

    @cached_property
    def completed(self) -> Enrollment:
        return EnrollmentFactory(
            run=self.run, status=EnrollmentStatus.COMPLETED, completed_at=timezone.now()
        )

    @cached_property
    def pending(self) -> Enrollment:
        return EnrollmentFactory(run=self.run, status=EnrollmentStatus.PENDING)

    @cached_property
    def group(self):
        from lms.community.services import study_group_create

        return study_group_create(
            creator=self.learner,
            name="Study circle",
            description="We read together.",
            member_limit=5,
            run=self.run,
        )

    @cached_property
    def slot(self):
        from lms.community.models import MentoringSlot

        starts = timezone.now() + dt.timedelta(days=3)
        return MentoringSlot.objects.create(
            mentor=UserFactory(),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            place="Room 3",
            run=self.run,
        )

    @cached_property
    def forum(self):
        from lms.community.services import forum_for_run

        return forum_for_run(run=self.run)

    @cached_property
    def occurrence(self):
        from ..factories.timetable import RoomFactory, meeting_create

        starts = timezone.now() + dt.timedelta(days=14)
        return meeting_create(
            room=RoomFactory(),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            run=self.run,
            title="Opening lecture",
        )

    @cached_property
    def stay(self):
        from ..factories.lodging import room_create, stay_create

        return stay_create(
            bed=room_create().beds.first(),
            check_in=self.run.starts_on,
            check_out=self.run.ends_on,
            guest=self.learner,
            run=self.run,
            needs_review=True,
        )

    @cached_property
    def submission(self):
        from lms.learning.services import submission_create

        return submission_create(
            learner=self.learner, assignment=self.make_assignment(), text="My plan."
        )

    @cached_property
    def partner_admin(self):
        from lms.partners.models import (
            PartnerAgreement,
            PartnerInstitution,
            PartnerLearner,
        )

        partner = PartnerInstitution.objects.create(
            slug="hanbit", name_ko="한빛대학교", name_en="Hanbit University"
        )
        agreement = PartnerAgreement.objects.create(
            institution=partner,
            title="agreement",
            licence="view",
            starts_on=dt.date(2020, 1, 1),
        )
        agreement.courses.set([self.course])
        PartnerLearner.objects.create(
            institution=partner, user=self.learner, external_id="stu-1"
        )
        admin = UserFactory()
        partner.admins.add(admin)
        return admin


@pytest.fixture
def world(course, make_assignment):
    return World(course, make_assignment)


# (name, who asks, url name, its arguments); arguments are world attributes
PAGES = [
    ("learner dashboard", "learner", "learning:dashboard", []),
    ("withdraw page", "learner", "learning:enrollment-withdraw", ["enrollment"]),
    ("my grades", "learner", "learning:enrollment-grades", ["enrollment"]),
    ("run analytics", "staff", "learning:run-analytics", ["run"]),
    ("approvals", "staff", "learning:approvals", ["+pending"]),
    ("teaching", "staff", "learning:teaching", []),
    ("grading queue", "staff", "learning:grading-queue", ["+submission"]),
    ("grading a submission", "staff", "learning:submission-grade", ["submission"]),
    ("gradebook", "staff", "learning:gradebook", ["run"]),
    ("gradebook history", "staff", "learning:gradebook-history", ["run"]),
    ("enrolment import", "staff", "learning:run-import", ["run"]),
    ("community home", "learner", "community:home", ["+group"]),
    ("study groups", "learner", "community:groups", ["+group"]),
    ("study group", "learner", "community:group-detail", ["group"]),
    ("office hours", "learner", "community:mentoring", ["+slot"]),
    ("run forum", "learner", "community:forum", ["forum"]),
    ("cohorts", "staff", "community:cohorts", ["run"]),
    ("run schedule", "learner", "timetable:run-schedule", ["run", "+occurrence"]),
    ("session", "learner", "timetable:session", ["occurrence.session"]),
    ("attendance roster", "staff", "timetable:attendance", ["occurrence"]),
    ("my calendar", "learner", "timetable:my-calendar", ["+occurrence"]),
    ("certificate runs", "staff", "certificates:manage-runs", ["+completed"]),
    ("certificate run", "staff", "certificates:manage-run", ["run"]),
    ("my stays", "learner", "lodging:my-stays", ["+stay"]),
    ("stay", "learner", "lodging:stay-detail", ["stay"]),
    ("bed hold", "learner", "lodging:stay-hold", ["enrollment"]),
    ("lodging runs", "staff", "lodging:runs", []),
    ("lodging run", "staff", "lodging:run", ["run", "+stay"]),
    ("stay for staff", "staff", "lodging:stay-manage", ["stay"]),
    ("flagged stays", "staff", "lodging:flagged", ["+stay"]),
    ("partner dashboard", "partner_admin", "partners:dashboard", ["=hanbit"]),
    # forms that offer runs to choose
    ("new study group", "learner", "community:group-new", []),
    ("new session", "staff", "timetable:session-new", []),
    ("new stay", "staff", "lodging:stay-new", []),
]


def _resolve(world, path: str):
    value = world
    for name in path.split("."):
        value = getattr(value, name)
    return value.pk


def _url(world, url_name: str, needs: list) -> str:
    args = []
    for need in needs:
        if need.startswith("+"):  # made, not an argument
            _resolve(world, need[1:])
        elif need.startswith("="):
            args.append(need[1:])
        else:
            args.append(_resolve(world, need))
    return reverse(url_name, args=args)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize(
    ("who", "url_name", "needs"),
    [page[1:] for page in PAGES],
    ids=[page[0] for page in PAGES],
)
@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("en", ENGLISH, KOREAN), ("ko", KOREAN, ENGLISH)],
    ids=["en", "ko"],
)
def test_a_page_about_a_run_names_its_course_in_the_readers_language(
    client, world, who, url_name, needs, language, shown, hidden
):
    user = getattr(world, who)
    client.force_login(user)
    with translation.override(language):
        url = _url(world, url_name, needs)
        response = client.get(url)
    assert response.status_code == 200, url
    body = _body(response)
    assert shown in body, url
    assert hidden not in body, url


# --- exports, feeds and e-mails ---------------------------------------------------


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


EXPORTS = [
    ("stays CSV", "staff", "lodging:stays-csv", ["+stay"], "month"),
    ("front desk CSV", "staff", "lodging:front-desk-csv", ["+stay"], "date"),
    ("front desk", "staff", "lodging:front-desk", ["+stay"], "date"),
    ("partner CSV", "partner_admin", "partners:enrolments-csv", ["=hanbit"], ""),
]


@pytest.mark.parametrize(
    ("who", "url_name", "needs", "query"),
    [export[1:] for export in EXPORTS],
    ids=[export[0] for export in EXPORTS],
)
@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("en", ENGLISH, KOREAN), ("ko", KOREAN, ENGLISH)],
    ids=["en", "ko"],
)
def test_an_export_names_the_course_in_the_readers_language(
    client, world, who, url_name, needs, query, language, shown, hidden
):
    client.force_login(getattr(world, who))
    params = {}
    if query == "month":
        params["month"] = _month(world.run.starts_on)
    elif query == "date":
        params["date"] = world.run.starts_on.isoformat()
    with translation.override(language):
        response = client.get(_url(world, url_name, needs), params)
    assert response.status_code == 200
    body = _body(response)
    assert shown in body and hidden not in body


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("en", ENGLISH, KOREAN), ("ko", KOREAN, ENGLISH)],
    ids=["en", "ko"],
)
def test_the_run_feed_is_named_and_described_in_the_feeds_language(
    client, world, language, shown, hidden
):
    world.occurrence  # noqa: B018 - a session to describe
    url = reverse("timetable-feeds:run", args=[world.run.pk])
    body = client.get(url, {"lang": language}).content.decode()
    assert f"{shown} · " in body
    assert hidden not in body


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("en", ENGLISH, KOREAN), ("ko", KOREAN, ENGLISH)],
    ids=["en", "ko"],
)
def test_the_personal_feed_describes_sessions_and_deadlines_in_the_owners_language(
    client, world, language, shown, hidden
):
    from lms.timetable.services import feed_token_for

    world.occurrence  # noqa: B018 - a session of the run
    world.make_assignment()  # a deadline of the course
    world.learner.preferred_language = language
    world.learner.save(update_fields=["preferred_language"])
    token = feed_token_for(user=world.learner)
    body = client.get(reverse("timetable-feeds:personal", args=[token.token]))
    text = body.content.decode().replace("\r\n ", "")  # unfold long lines
    assert shown in text and hidden not in text


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("en", ENGLISH, KOREAN), ("ko", KOREAN, ENGLISH)],
    ids=["en", "ko"],
)
def test_e_mails_about_a_run_name_the_course_in_the_learners_language(
    world, language, shown, hidden, django_capture_on_commit_callbacks
):
    from lms.learning.notifications import enrollment_status_notify
    from lms.lodging.notifications import stay_status_notify
    from lms.timetable.notifications import session_change_notify

    learner = world.learner
    learner.preferred_language = language
    learner.save(update_fields=["preferred_language"])
    Enrollment.objects.filter(pk=world.enrollment.pk).update(notified_status="")
    session = world.occurrence.session
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollment_status_notify(enrollment_id=world.enrollment.pk)
        assert stay_status_notify(stay_id=world.stay.pk)
        assert session_change_notify(session_id=session.pk, sequence=session.sequence)
    mine = [m for m in mail.outbox if m.to == [learner.email]]
    assert len(mine) >= 3
    for message in mine:
        text = message.subject + message.body
        assert hidden not in text
    assert all(shown in m.subject + m.body for m in mine[:1])
    assert sum(shown in m.body for m in mine) >= 3


def test_a_list_in_english_reads_one_query_more_however_many_runs(
    client, world, catalog, django_assert_max_num_queries
):
    """The teaching list in English reads one query more than in Korean (the
    courses' English pages), however many runs it lists."""
    urls = {"ko": reverse("learning:teaching")}
    with translation.override("en"):
        urls["en"] = reverse("learning:teaching")
    client.force_login(world.staff)

    def count(language: str) -> int:
        client.get(urls[language])  # warm the caches
        with django_assert_max_num_queries(60) as queries:
            assert client.get(urls[language]).status_code == 200
        return len(queries.captured_queries)

    korean, english = count("ko"), count("en")
    assert english == korean + 1
    for _n in range(3):
        other = course_tree_create(index=catalog, modules=1, lessons=1)
        translation_tree_create(other).save_revision().publish()
        CourseRunFactory(course=other)
    assert CourseRun.objects.count() == 4
    assert (count("ko"), count("en")) == (korean, english)
