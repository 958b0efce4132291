"""What `make bench` loads: one line per page or endpoint.

A scenario is a name, a path on the site, and optionally the e-mail of a demo
user (from `seed_demo`) whose session cookie every request carries. Each one is
checked to give its expected answer (200 unless told otherwise, redirects not
followed) before it is loaded, and is reported as a ratio to the bare-Django
ceiling measured in the same run.
"""

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Scenario:
    """A request to load: `method` `path`, anonymously or as the demo user `login`.

    - `path` may name `{placeholders}` from `path_values()`, for ids that only
      exist once the database is built.
    - `unique_query`: every request gets its own `_=` query parameter, so that no
      request is answered from the anonymous page cache (the pages ignore it).
    - `method`: a POST carries a CSRF token (cookie and `X-CSRFToken` header)
      and an empty form body.
    - `expect_status` / `expect_location`: what the check before the load
      wants; `expect_location` is the path a redirect must point to.
    - `cached`: True if the check's second request must be answered from the
      page cache, False if it must not be, None if it does not matter.
    - `connections`: wrk's -c (and at most -t) for this scenario, for pages
      that take seconds, where 16 at once would outlast gunicorn's timeout.
    - `duration_s`: seconds of load for this scenario instead of
      BENCH_DURATION, for answers that take seconds: each of the rounds must
      see some finish.
    - `logins` and `script`: a wrk Lua script of its own (in bench/), run with
      one thread and one connection per login, each signed in as that user;
      `script_args` (with `{placeholders}`) go to the script after `--`.
    """

    name: str
    path: str
    login: str | None = None
    unique_query: bool = False
    method: str = "GET"
    expect_status: int = 200
    expect_location: str | None = None
    cached: bool | None = None
    connections: int | None = None
    duration_s: int | None = None
    logins: tuple[str, ...] = ()
    script: str = "latency.lua"
    script_args: tuple[str, ...] = ()


# manage.py commands that build the data the scenarios read, on a fresh database.
SETUP: list[list[str]] = [
    ["migrate", "--noinput", "--verbosity", "0"],
    ["seed_demo"],
    ["bench_gradebook", "--learners", "500", "--items", "30"],
    ["bench_gradebook", "--learners", "10000", "--items", "2"],
    ["bench_quiz", "--learners", "16"],
    ["bench_dashboard", "--enrolments", "200"],
    # 100 rooms and two months of stays for the occupancy calendar
    ["lodging_scale_data", "--rooms", "100"],
    ["timetable_bench_data"],
    ["community_bench_setup"],
]

LEARNER = "learner@campus.example"
INSTRUCTOR = "instructor@campus.example"
QUIZ_LEARNERS = tuple(f"bench-quiz-{n}@bench.example" for n in range(1, 17))
# a demo course with two runs, instructors, outcomes and a three-module outline
COURSE = "/courses/social-enterprise-startup-basics/"
# learner@ is enrolled in this course and has completed its first lessons
PROGRESS_COURSE = "cooperative-accounting-and-finance"

SCENARIOS: list[Scenario] = [
    # a plain view through the whole stack: the floor of every page
    Scenario("robots.txt (anonymous)", "/robots.txt", cached=False),
    Scenario("home (anonymous, ko)", "/", cached=True),
    Scenario("home (anonymous, en)", "/en/", cached=True),
    Scenario("catalog (anonymous, cached)", "/courses/", cached=True),
    Scenario(
        "catalog (anonymous, uncached)", "/courses/", unique_query=True, cached=False
    ),
    Scenario("course page (anonymous, cached)", COURSE, cached=True),
    Scenario(
        "course page (anonymous, uncached)", COURSE, unique_query=True, cached=False
    ),
    Scenario("dashboard (learner)", "/learn/", login=LEARNER, cached=False),
    Scenario(
        "dashboard (learner with 200 enrolments)",
        "/learn/",
        login="bench-dashboard@bench.example",
        cached=False,
    ),
    Scenario(
        "lesson-complete POST (learner)",
        "/learn/lessons/{lesson_id}/complete/",
        login=LEARNER,
        method="POST",
        expect_status=302,
        expect_location="{lesson_url}",
    ),
    Scenario(
        "gradebook 500 learners × 30 items (instructor)",
        "/learn/runs/{gradebook_run}/gradebook/",
        login=INSTRUCTOR,
        connections=4,
    ),
    Scenario(
        "gradebook CSV, 10,000 rows (instructor)",
        "/learn/runs/{csv_run}/gradebook.csv",
        login=INSTRUCTOR,
        connections=2,
        duration_s=40,
    ),
    Scenario(
        "quiz start + submit (16 learners, 2 requests each)",
        "/learn/quizzes/{bench_quiz}/start/",
        method="POST",
        expect_status=302,
        logins=QUIZ_LEARNERS,
        script="quiz.lua",
        script_args=("start=/learn/quizzes/{bench_quiz}/start/", "answers={answers}"),
    ),
    Scenario("certificates: wallet (learner)", "/certificates/", login=LEARNER),
    Scenario("certificates: verification page", "/verify/{certificate_code}"),
    Scenario("certificates: verification JSON", "/verify/{certificate_code}.json"),
    Scenario("certificates: badge revocation list", "/badges/status/revocation"),
    Scenario("certificates: badge JWKS", "/badges/jwks.json"),
    Scenario(
        "lodging occupancy calendar (staff, 100 rooms x 31 nights)",
        "/lodging/staff/",
        login="staff@campus.example",
        cached=False,
    ),
    Scenario(
        "timetable week, 60 rooms (staff)",
        "/timetable/?building={bench_building}",
        login="staff@campus.example",
        cached=False,
    ),
    Scenario(
        "personal calendar feed (learner)",
        "/calendar/{learner_feed_token}.ics",
        cached=False,
    ),
    Scenario(
        "forum index, 5,000 threads (learner)",
        "/community/forums/{community_forum_id}/",
        login=LEARNER,
        cached=False,
    ),
    Scenario(
        "thread page, 200 replies (learner)",
        "/community/threads/{community_thread_id}/",
        login=LEARNER,
        cached=False,
    ),
    # the research portal at demo scale (16 publications)
    Scenario("research: index with facets", "/research/", unique_query=True),
    Scenario(
        "research: index, a search and a facet",
        "/research/?q=%ED%98%91%EB%8F%99%EC%A1%B0%ED%95%A9&type=research_report",
        unique_query=True,
    ),
    Scenario(
        "research: publication page",
        "/research/jbri-policy-brief-24/",
        unique_query=True,
    ),
    Scenario(
        "research: OAI-PMH ListRecords oai_dc",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    ),
    # the town: a space page (hours, JSON-LD, services) past the page cache,
    # the services directory, a month of events and site search
    Scenario(
        "town: space page (anonymous, uncached)", "/town/fab-lab/", unique_query=True
    ),
    Scenario("town: services directory", "/services/?q=" + quote("상담")),
    Scenario("town: events calendar", "/events/"),
    Scenario("town: site search", "/search/?q=" + quote("협동조합")),
]


def path_values() -> dict[str, object]:
    """Values for the scenarios' `{placeholders}`, read from the bench database.

    Called once Django is set up and SETUP has run. Completing a lesson that
    learner@ has completed already changes nothing, so the POST can repeat.
    """
    from bench.community_paths import bench_path_values
    from certificates.models import Certificate
    from courses.models import CoursePage, LessonPage
    from lms.accounts.models import User
    from lms.timetable.models import Building
    from lms.timetable.services import feed_token_for

    course = CoursePage.objects.get(slug=PROGRESS_COURSE, locale__language_code="ko")
    lesson = (
        LessonPage.objects.descendant_of(course)
        .live()
        .filter(is_required=True)
        .order_by("path")
        .first()
    )
    certificate = Certificate.objects.valid().order_by("pk").first()
    return {
        "lesson_id": lesson.pk,
        "lesson_url": lesson.url,
        "certificate_code": certificate.code,
        "gradebook_run": _bench_run("bench-gradebook-500x30"),
        "csv_run": _bench_run("bench-gradebook-10000x2"),
        **_bench_quiz(),
        "bench_building": Building.objects.get(code="bench").pk,
        "learner_feed_token": feed_token_for(
            user=User.objects.get(email=LEARNER)
        ).token,
        **bench_path_values(),
    }


def _bench_run(slug: str) -> int:
    from lms.learning.models import CourseRun

    return CourseRun.objects.get(course__slug=slug, title_ko="벤치마크 차수").pk


def _bench_quiz() -> dict[str, object]:
    """The bench quiz and a form body that answers all of it right."""
    from urllib.parse import urlencode

    from courses.models import QuestionType, QuizPage

    quiz = QuizPage.objects.get(slug="bench-quiz")
    fields: list[tuple[str, str]] = []
    for link in quiz.quiz_questions.select_related("question"):
        question, name = link.question, f"q{link.question_id}"
        right = [str(o.pk) for o in question.options.all() if o.is_correct]
        if question.type == QuestionType.MULTIPLE:
            fields += [(f"{name}-multiple", "1"), *((name, pk) for pk in right)]
        elif question.type == QuestionType.SINGLE:
            fields.append((name, right[0]))
        elif question.type == QuestionType.TRUE_FALSE:
            fields.append((name, "true" if question.correct_boolean else "false"))
        elif question.type == QuestionType.SHORT_TEXT:
            fields.append((name, question.accepted_answer_list[0]))
        else:
            fields.append((name, str(question.numeric_answer)))
    return {"bench_quiz": quiz.pk, "answers": urlencode(fields)}
