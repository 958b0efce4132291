"""What `make bench` loads: one line per page or endpoint.

A scenario is a name, a path on the site, and optionally the e-mail of a demo
user (from `seed_demo`) whose session cookie every request carries. Each one is
checked to give its expected answer (200 unless told otherwise, redirects not
followed) before it is loaded, and is reported as a ratio to the bare-Django
ceiling measured in the same run.
"""

from dataclasses import dataclass


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
    """

    name: str
    path: str
    login: str | None = None
    unique_query: bool = False
    method: str = "GET"
    expect_status: int = 200
    expect_location: str | None = None
    cached: bool | None = None


# manage.py commands that build the data the scenarios read, on a fresh database.
SETUP: list[list[str]] = [
    ["migrate", "--noinput", "--verbosity", "0"],
    ["seed_demo"],
    ["community_bench_setup"],
]

LEARNER = "learner@campus.example"
# a demo course with two runs, instructors, outcomes and a three-module outline
COURSE = "/courses/social-enterprise-startup-basics/"
# learner@ is enrolled in this course and has completed its first lessons
PROGRESS_COURSE = "cooperative-accounting-and-finance"

SCENARIOS: list[Scenario] = [
    Scenario("home (anonymous, ko)", "/"),
    Scenario("home (anonymous, en)", "/en/"),
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
        "lesson-complete POST (learner)",
        "/learn/lessons/{lesson_id}/complete/",
        login=LEARNER,
        method="POST",
        expect_status=302,
        expect_location="{lesson_url}",
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
]


def path_values() -> dict[str, object]:
    """Values for the scenarios' `{placeholders}`, read from the bench database.

    Called once Django is set up and SETUP has run. Completing a lesson that
    learner@ has completed already changes nothing, so the POST can repeat.
    """
    from courses.models import CoursePage, LessonPage

    course = CoursePage.objects.get(slug=PROGRESS_COURSE, locale__language_code="ko")
    lesson = (
        LessonPage.objects.descendant_of(course)
        .live()
        .filter(is_required=True)
        .order_by("path")
        .first()
    )
    from lms.community.bench import bench_path_values

    return {"lesson_id": lesson.pk, "lesson_url": lesson.url, **bench_path_values()}
