"""SQL query counts of the catalog and the dashboard do not grow with rows.

Each count is pinned with a small data set and asserted unchanged with a large
one. The large catalog is written with `pages_bulk_create`: 1,000 pages through
`add_child` take ten seconds, the bulk helper a fraction of one.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseModulePage, CoursePage, LessonPage, LibraryResource
from lms.learning.models import Bookmark, CourseRun, Enrollment, LessonProgress

from ..factories import CourseCategoryFactory, UserFactory, pages_bulk_create

pytestmark = pytest.mark.django_db

# signed in, so the anonymous page cache is not in play: session and user,
# routing (1: the locale), and the catalog selector (the view restrictions of
# public pages, the facets with the count (5), categories, one page of courses,
# the runs prefetch), and the partner universities' courses and their "offered
# by" facet counts (2, lms.partners)
CATALOG_QUERIES = 14
# session and user, enrolments with runs and courses, lessons, progress, bookmarks,
# and whether the person teaches (staff group, instructor links)
DASHBOARD_QUERIES = 8

MODES = ["formal", "informal", "social"]
DELIVERIES = ["online", "on_site", "residential"]


def _courses_create(*, index, count: int, start: int, categories) -> list[CoursePage]:
    """`count` varied courses under `index`, each with an upcoming run."""
    courses = pages_bulk_create(
        parent=index,
        model=CoursePage,
        rows=[
            {
                "title": f"과정 {n}",
                "slug": f"course-bulk-{n}",
                "summary": "지역순환경제를 배웁니다.",
                "learning_mode": MODES[n % 3],
                "delivery": DELIVERIES[n % 3],
                "category": categories[n % len(categories)],
            }
            for n in range(start, start + count)
        ],
    )
    today = timezone.localdate()
    CourseRun.objects.bulk_create(
        CourseRun(
            course=course,
            title="2026년 봄",
            starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=30),
            capacity=20,
            seats_taken=n % 21,
        )
        for n, course in enumerate(courses)
    )
    return courses


def _lessons_create(*, courses, lessons_per_course: int = 2) -> list[LessonPage]:
    lessons = []
    for course in courses:
        (module,) = pages_bulk_create(
            parent=course,
            model=CourseModulePage,
            rows=[{"title": "1부", "slug": f"module-{course.pk}"}],
        )
        lessons += pages_bulk_create(
            parent=module,
            model=LessonPage,
            rows=[
                {
                    "title": f"{course.title} · 차시 {n}",
                    "slug": f"lesson-{course.pk}-{n}",
                    "body": [("paragraph", "<p>본문</p>")],
                }
                for n in range(lessons_per_course)
            ],
        )
    return lessons


def _get_counted(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm the site root and locale caches
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_catalog_queries_do_not_grow_from_5_to_1000_courses(
    client, catalog, django_assert_num_queries
):
    categories = CourseCategoryFactory.create_batch(3)
    _courses_create(index=catalog, count=5, start=0, categories=categories)
    client.force_login(UserFactory())
    response = _get_counted(
        client, catalog.url, django_assert_num_queries, CATALOG_QUERIES
    )
    assert response.context["result_count"] == 5

    _courses_create(index=catalog, count=995, start=5, categories=categories)
    response = _get_counted(
        client, catalog.url, django_assert_num_queries, CATALOG_QUERIES
    )
    assert response.context["result_count"] == 1000
    assert len(response.context["courses"]) == 12
    assert "과정 0<" not in response.content.decode()  # newest first


def test_filtered_catalog_queries_do_not_grow_with_courses(
    client, catalog, django_assert_num_queries
):
    categories = CourseCategoryFactory.create_batch(3)
    url = f"{catalog.url}?learning_mode=formal&upcoming=on&seats=on&page=2"
    _courses_create(index=catalog, count=40, start=0, categories=categories)
    client.force_login(UserFactory())
    _get_counted(client, url, django_assert_num_queries, CATALOG_QUERIES)
    _courses_create(index=catalog, count=400, start=40, categories=categories)
    _get_counted(client, url, django_assert_num_queries, CATALOG_QUERIES)


def _enrol(*, learner, courses, lessons) -> None:
    runs = {run.course_id: run for run in CourseRun.objects.filter(course__in=courses)}
    Enrollment.objects.bulk_create(
        Enrollment(learner=learner, run=runs[course.pk], status="active")
        for course in courses
    )
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(
            learner=learner,
            lesson=lesson,
            course_id=_course_of(lesson, courses),
            completed_at=now,
        )
        for lesson in lessons[::2]
    )
    Bookmark.objects.bulk_create(
        Bookmark(learner=learner, page_id=lesson.pk) for lesson in lessons[1::2][:19]
    )


def _course_of(lesson, courses) -> int:
    return next(c.pk for c in courses if lesson.path.startswith(c.path))


def test_dashboard_queries_do_not_grow_from_1_to_50_enrolments(
    client, catalog, django_assert_num_queries
):
    learner = UserFactory()
    categories = CourseCategoryFactory.create_batch(2)
    resource = LibraryResource.objects.create(
        title="협동조합 정관 예시", url="https://example.org/bylaws"
    )
    Bookmark.objects.create(learner=learner, resource=resource)
    first = _courses_create(index=catalog, count=1, start=0, categories=categories)
    _enrol(learner=learner, courses=first, lessons=_lessons_create(courses=first))
    client.force_login(learner)
    url = reverse("learning:dashboard")
    response = _get_counted(client, url, django_assert_num_queries, DASHBOARD_QUERIES)
    assert len(response.context["entries"]) == 1

    more = _courses_create(index=catalog, count=49, start=1, categories=categories)
    _enrol(learner=learner, courses=more, lessons=_lessons_create(courses=more))
    response = _get_counted(client, url, django_assert_num_queries, DASHBOARD_QUERIES)
    entries = response.context["entries"]
    assert len(entries) == 50
    assert all(entry.progress.percent == 50 for entry in entries)
    assert len(response.context["upcoming_runs"]) == 50
