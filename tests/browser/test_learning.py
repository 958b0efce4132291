"""Courses in a real browser: find a course, enrol, complete a lesson, see progress.

Three of the demo courses (`courses.demo`), with their demo runs and enrolments
(`lms.learning.demo`), are seeded into the live server's database before each
test: the whole catalog would take twice as long, and the library is not read.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from lms.accounts.demo import DEMO_PASSWORD

LEARNER = "learner5@campus.example"
# a closed (not is_open) course whose "3기" run is open for enrolment, with
# seats and the "open" policy; the demo does not enrol learner5 in it
COURSE_SLUG = "social-enterprise-startup-basics"
RUN_TITLE = "3기"
SEARCH_WORD = "창업"
OPEN_COURSE_SLUG = "introduction-to-social-value-measurement"
# the courses seeded: the two above and one more the search must leave out
SEEDED = {COURSE_SLUG, OPEN_COURSE_SLUG, "cooperative-accounting-and-finance"}


@pytest.fixture
def demo_courses(demo_site, monkeypatch):
    """Some demo courses, runs and enrolments on top of the demo site and people."""
    from wagtail.models import Locale

    from cms.roles import roles_permissions_grant
    from courses import demo as courses_demo
    from courses.demo import seed_categories, seed_courses
    from lms.learning import demo as learning_demo
    from lms.learning.demo import seed_learning

    monkeypatch.setattr(
        courses_demo,
        "COURSES",
        [spec for spec in courses_demo.COURSES if spec["slug"] in SEEDED],
    )
    monkeypatch.setattr(
        learning_demo,
        "RUNS",
        {slug: runs for slug, runs in learning_demo.RUNS.items() if slug in SEEDED},
    )

    home_ko = demo_site["home"]
    home_en = home_ko.get_translation(Locale.objects.get(language_code="en"))
    people = demo_site["people"]
    roles_permissions_grant()
    courses = seed_courses(
        home_ko=home_ko, home_en=home_en, people=people, categories=seed_categories()
    )
    seed_learning(courses=courses, people=people)
    return {**demo_site, "courses": courses}


def _korean_course(demo_courses, slug):
    return next(
        course
        for course in demo_courses["courses"]
        if course.slug == slug and course.locale.language_code == "ko"
    )


def _lessons(course):
    from courses.models import LessonPage

    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def _submit(locator):
    """Click a submit button and return the response to the form."""
    with locator.page.expect_navigation() as navigation:
        locator.click()
    return navigation.value


def _progress_value(locator) -> int:
    locator.wait_for()
    return int(locator.get_attribute("value"))


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    assert _submit(page.locator("main form button[type=submit]")).status == 200
    assert page.locator("nav.account-nav a[href$='/accounts/profile/']").count()


def test_learner_finds_a_course_by_search_enrols_completes_a_lesson_and_progresses(
    page, demo_courses
):
    from lms.learning.models import CourseRun, Enrollment

    base = demo_courses["url"]
    course = _korean_course(demo_courses, COURSE_SLUG)
    run = CourseRun.objects.get(course=course, title_ko=RUN_TITLE)
    assert not Enrollment.objects.filter(run__course=course, learner__email=LEARNER)
    _log_in(page, base, LEARNER)

    # the catalog's search box finds the course
    page.goto(base + "/courses/")
    page.fill("input[name=q]", SEARCH_WORD)
    _submit(page.locator("form.catalog-filters .search-row button[type=submit]"))
    assert parse_qs(urlsplit(page.url).query)["q"] == [SEARCH_WORD]
    results = page.locator("ul.course-list .course-card .card-title a")
    assert course.title in results.all_inner_texts()
    assert results.count() < len(SEEDED), "the search did not narrow the catalog"
    with page.expect_navigation():
        results.filter(has_text=course.title).click()
    assert urlsplit(page.url).path == course.url
    assert page.locator("h1").inner_text() == course.title
    assert not page.locator(".enrol-status").count()

    # enrol in the open run; the page now says enrolled, at 0 %
    enrol = page.locator(f"form[action='/learn/runs/{run.pk}/enroll/']")
    assert _submit(enrol.locator("button[type=submit]")).status == 200
    assert urlsplit(page.url).path == course.url
    assert page.locator(".enrol-box .enrol-status.status-active").is_visible()
    assert _progress_value(page.locator(".enrol-box progress")) == 0

    # open the first lesson and mark it complete
    first = next(lesson for lesson in _lessons(course) if lesson.is_required)
    with page.expect_navigation():
        page.locator(".enrol-box a.button").click()
    assert urlsplit(page.url).path == first.url
    assert page.locator("article.lesson h1").inner_text() == first.title
    complete = page.locator(f"form[action='/learn/lessons/{first.pk}/complete/']")
    assert _submit(complete.locator("button[type=submit]")).status == 200

    # the dashboard and the course page show the progress
    page.goto(base + "/learn/")
    card = page.locator(".dashboard li.my-course").filter(
        has=page.get_by_role("link", name=course.title, exact=True)
    )
    assert card.count() == 1
    assert card.locator(".status-active").count() == 1
    assert _progress_value(card.locator("progress")) > 0

    page.goto(base + course.url)
    assert _progress_value(page.locator(".enrol-box progress")) > 0
    done = page.locator("ol.outline li.done a")
    assert done.all_inner_texts() == [first.title]


def test_anonymous_visitor_is_sent_to_log_in_for_a_closed_course_lesson_only(
    page, demo_courses
):
    base = demo_courses["url"]
    closed = _lessons(_korean_course(demo_courses, COURSE_SLUG))[0]
    open_ = _lessons(_korean_course(demo_courses, OPEN_COURSE_SLUG))[0]

    response = page.goto(base + closed.url)
    assert response.status == 200
    assert urlsplit(page.url).path == "/accounts/login/"
    assert parse_qs(urlsplit(page.url).query)["next"] == [closed.url]
    assert page.locator("input[name=login]").is_visible()

    response = page.goto(base + open_.url)
    assert response.status == 200
    assert urlsplit(page.url).path == open_.url
    assert page.locator("article.lesson h1").inner_text() == open_.title
    assert not page.locator("form[action$='/complete/']").count()
    login_link = page.locator(".lesson-actions a[href^='/accounts/login/']")
    assert login_link.is_visible()
