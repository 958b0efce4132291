"""The Wagtail hooks through which the layers plug into each other.

Each hook's contract as `docs/architecture.md` ("Hooks") states it: who
registers what, in which order results combine, and that hooks which declare
are read once per process yet see `hooks.register_temporarily`.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from wagtail import hooks

from cms import calendar as cms_calendar
from cms.models import HomePage
from courses.hooks import (
    LESSON_GATE_HOOK,
    PAGE_ACTIONS_HOOK,
    PAGE_CONTEXT_HOOK,
    lesson_gate_check,
    page_action_url,
    page_context_extra,
    page_context_providers,
)
from courses.models import CourseModulePage, LessonPage
from lms.community import gates as community_gates
from lms.community.calendar import community_calendar_entries
from lms.core.calendar import (
    CALENDAR_ENTRIES_HOOK,
    CalendarEntry,
    calendar_entries_for,
    calendar_sources,
)
from lms.core.landing import LANDING_URL_HOOK, landing_url_for
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, everyone, nav_links_for
from lms.learning import landing as learning_landing
from lms.learning import pages as learning_pages
from lms.lodging import pages as lodging_pages
from lms.lodging.calendar import stay_calendar_entries
from lms.partners import pages as partner_pages
from lms.timetable import sources as timetable_sources

BASE_DIR = Path(__file__).resolve().parents[2]


def _request(path="/", user=None):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    request.session = {}
    return request


# --- who registers what ------------------------------------------------------------


def test_every_app_with_dates_registers_its_calendar_source():
    assert set(calendar_sources()) >= {
        cms_calendar.booking_entries,
        cms_calendar.event_entries,
        community_calendar_entries,
        timetable_sources.session_entries,
        timetable_sources.deadline_entries,
        stay_calendar_entries,
    }


def test_course_pages_get_the_context_of_every_layer_that_adds_to_them():
    assert page_context_providers("courses.CourseIndexPage") == [
        partner_pages.catalog_context,
        lodging_pages.catalog_context,
        learning_pages.catalog_context,
    ]
    assert page_context_providers("courses.coursepage") == [
        lodging_pages.course_context,
        learning_pages.course_context,
    ]
    assert page_context_providers("courses.LessonPage") == [
        learning_pages.lesson_context
    ]


def test_lesson_gates_run_community_before_learning():
    gates = hooks.get_hooks(LESSON_GATE_HOOK)
    assert gates.index(community_gates.cohort_lesson_gate) < gates.index(
        learning_pages.lesson_gate
    )


def test_learning_registers_both_landing_pages_teaching_first():
    providers = hooks.get_hooks(LANDING_URL_HOOK)
    assert providers.index(learning_landing.teaching_landing) < providers.index(
        learning_landing.learner_landing
    )


def test_each_menu_has_the_items_of_the_apps_that_own_them():
    staff = _request()
    staff.user = type("Staff", (), {"is_authenticated": True, "is_staff": True})()
    staff.session = {"campus_teaches": True}
    keys = {
        menu: [link.key for link in nav_links_for(staff, menu=menu)]
        for menu in (
            "main",
            "personal",
            "footer",
        )
    }
    assert keys["main"] == ["library", "community", "town-services", "town-events"]
    assert keys["personal"][:6] == [
        "learning",
        "calendar",
        "lodging",
        "certificates",
        "town-bookings",
        "town-requests",
    ]
    assert {"teaching", "certificates-manage", "lodging-office"} <= set(
        keys["personal"]
    )
    assert keys["footer"] == [
        "privacy-policy",
        "certificates-verify",
        "town-search",
        "town-organizations",
    ]


def test_no_app_registers_these_hooks_in_its_app_config():
    """Registrations live in `wagtail_hooks.py`; `ready()` holds signals only."""
    names = ("calendar_source_register", "nav_item_register", "landing_provider")
    names += ("page_context_provider_register", "lesson_gate_register")
    for apps_py in BASE_DIR.glob("**/apps.py"):
        if ".venv" in apps_py.parts or "node_modules" in apps_py.parts:
            continue
        text = apps_py.read_text()
        assert not [name for name in names if name in text], apps_py
        assert "hooks.register" not in text, apps_py


# --- calendar_entries --------------------------------------------------------------


def _entry(uid):
    start = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    return CalendarEntry(uid=uid, summary=uid, start=start, end=start)


def test_a_calendar_source_s_entries_join_the_feed_while_it_is_registered(user):
    def source(*, user):
        return [_entry(f"extra-{user.pk}@campus")]

    with hooks.register_temporarily(CALENDAR_ENTRIES_HOOK, source):
        assert _entry(f"extra-{user.pk}@campus") in calendar_entries_for(user=user)
    assert source not in calendar_sources()
    assert calendar_entries_for(user=user) == []


# --- landing_url -------------------------------------------------------------------


def test_the_lowest_order_that_answers_wins_the_landing_page(user):
    request = _request(user=user)

    def nothing(request):
        return None

    def first(request):
        return "/first/"

    with (
        hooks.register_temporarily(LANDING_URL_HOOK, nothing, order=-20),
        hooks.register_temporarily(LANDING_URL_HOOK, first, order=-10),
    ):
        assert landing_url_for(request) == "/first/"
    assert landing_url_for(request) == "/learn/"


def test_staff_land_on_teaching_and_learners_on_their_dashboard(user, staff_user):
    assert landing_url_for(_request(user=user)) == "/learn/"
    assert landing_url_for(_request(user=staff_user)) == "/learn/teaching/"


# --- register_nav_items ------------------------------------------------------------


def test_a_nav_item_appears_while_registered_and_its_hook_is_read_once():
    calls = []

    def nav_items():
        calls.append(1)
        return [
            NavItem("extra", "Extra", "courses:library", order=1, visible=everyone),
        ]

    request = _request("/library/")
    with hooks.register_temporarily(NAV_ITEMS_HOOK, nav_items):
        for _ in range(3):
            links = nav_links_for(request)
            assert links[0].key == "extra"
            assert links[0].active
    assert calls == [1]
    assert "extra" not in [link.key for link in nav_links_for(request)]


def test_a_later_hook_s_item_replaces_an_earlier_one_with_the_same_key():
    def renamed():
        return [
            NavItem("library", "Renamed", "courses:library", 20, everyone, None, "main")
        ]

    with hooks.register_temporarily(NAV_ITEMS_HOOK, renamed, order=100):
        labels = {
            link.key: link.label for link in nav_links_for(_request(), menu="main")
        }
    assert labels["library"] == "Renamed"


def test_drawing_the_menus_costs_no_query(django_assert_num_queries, user):
    request = _request(user=user)
    nav_links_for(request)  # the first call reads the hooks
    with django_assert_num_queries(0):
        for menu in ("main", "personal", "footer"):
            nav_links_for(request, menu=menu)


# --- register_course_page_context --------------------------------------------------


def test_a_context_provider_answers_only_for_its_page_type():
    seen = []

    def provider(*, request, page):
        seen.append(page)
        return {"extra": page.title}

    module = CourseModulePage(title="1주차")
    request = _request()
    with hooks.register_temporarily(
        PAGE_CONTEXT_HOOK, lambda: {"courses.CourseModulePage": provider}
    ):
        assert page_context_extra(request=request, page=module) == {"extra": "1주차"}
        assert page_context_extra(request=request, page=HomePage(title="home")) == {}
    assert seen == [module]
    assert provider not in page_context_providers("courses.CourseModulePage")


def test_a_later_provider_s_key_wins():
    with hooks.register_temporarily(
        [
            (
                PAGE_CONTEXT_HOOK,
                lambda: {"courses.CourseModulePage": lambda **kw: {"k": 1}},
            ),
            (
                PAGE_CONTEXT_HOOK,
                lambda: {"courses.CourseModulePage": lambda **kw: {"k": 2}},
            ),
        ],
        order=100,
    ):
        extra = page_context_extra(request=_request(), page=CourseModulePage(title="x"))
    assert extra["k"] == 2


# --- before_serve_lesson -----------------------------------------------------------


def test_the_first_gate_that_answers_refuses_the_lesson():
    lesson = LessonPage(title="x")
    asked = []

    def refuse(*, request, lesson):
        asked.append("refuse")
        return HttpResponse(status=418)

    def later(*, request, lesson):
        asked.append("later")
        return HttpResponse(status=403)

    with (
        hooks.register_temporarily(LESSON_GATE_HOOK, refuse, order=-20),
        hooks.register_temporarily(LESSON_GATE_HOOK, later, order=-10),
    ):
        response = lesson_gate_check(request=_request(), lesson=lesson)
    assert response.status_code == 418
    assert asked == ["refuse"]


@pytest.mark.django_db
def test_a_gate_refuses_a_served_lesson(client):
    from tests.factories import catalog_create, course_tree_create

    course = course_tree_create(index=catalog_create(), modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).live().first()

    def refuse(*, request, lesson):
        return HttpResponse("closed", status=418)

    with hooks.register_temporarily(LESSON_GATE_HOOK, refuse, order=-100):
        assert client.get(lesson.url).status_code == 418
    assert client.get(lesson.url).status_code != 418


# --- register_course_page_actions --------------------------------------------------


def test_an_action_maps_to_the_url_name_its_owner_registered():
    with translation.override("en"):
        assert page_action_url("run-enroll", 7) == "/en/learn/runs/7/enroll/"
    with hooks.register_temporarily(
        PAGE_ACTIONS_HOOK, lambda: {"run-enroll": "courses:library"}, order=100
    ):
        assert page_action_url("run-enroll") == "/library/"
