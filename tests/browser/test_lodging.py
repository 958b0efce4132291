"""Lodging in a real browser: a learner enrols in a residential course, holds and
confirms a bed, and the front desk checks them in.

The residential demo course is seeded with its run moved to start today, so
that the front desk can check the learner in; the lodging building is the
demo's (`lms.lodging.demo.seed_inventory`).
"""

from urllib.parse import urlsplit

import pytest

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

LEARNER = "learner4@campus.example"
STAFF = "staff@campus.example"
COURSE_SLUG = "local-food-market-access-residential"


@pytest.fixture
def residential_course(demo_site, monkeypatch):
    from wagtail.models import Locale

    from cms.roles import roles_permissions_grant
    from courses import demo as courses_demo
    from courses.demo import seed_categories, seed_courses
    from lms.learning import demo as learning_demo
    from lms.learning.demo import seed_learning
    from lms.learning.models import CourseRun
    from lms.lodging.demo import seed_inventory

    monkeypatch.setattr(
        courses_demo,
        "COURSES",
        [spec for spec in courses_demo.COURSES if spec["slug"] == COURSE_SLUG],
    )
    (spec,) = learning_demo.RUNS[COURSE_SLUG]
    monkeypatch.setattr(
        learning_demo,
        "RUNS",
        {
            COURSE_SLUG: [
                {**spec, "starts": 0, "ends": 3, "opens": -10, "closes": 1, "enrol": []}
            ]
        },
    )
    home_ko = demo_site["home"]
    home_en = home_ko.get_translation(Locale.objects.get(language_code="en"))
    roles_permissions_grant()
    courses = seed_courses(
        home_ko=home_ko,
        home_en=home_en,
        people=demo_site["people"],
        categories=seed_categories(),
    )
    seed_learning(courses=courses, people=demo_site["people"])
    seed_inventory()
    course = next(c for c in courses if c.locale.language_code == "ko")
    return {
        **demo_site,
        "course": course,
        "run": CourseRun.objects.get(course=course),
    }


def _submit(locator):
    with locator.page.expect_navigation() as navigation:
        locator.click()
    return navigation.value


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    assert _submit(page.locator("main form button[type=submit]")).status == 200


def _axe_serious(page, axe_js) -> list:
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_learner_enrols_holds_and_confirms_a_bed_and_staff_check_them_in(
    browser, page, residential_course, axe_js
):
    from lms.lodging.models import Stay, StayStatus

    base = residential_course["url"]
    course = residential_course["course"]
    run = residential_course["run"]
    _log_in(page, base, LEARNER)

    # the course page shows the beds left, and the learner enrols
    page.goto(base + course.url)
    lodging = page.locator(".enrol-box .lodging-box")
    assert "침대" in lodging.inner_text() and "남음" in lodging.inner_text()
    enrol = page.locator(f"form[action='/learn/runs/{run.pk}/enroll/']")
    assert _submit(enrol.locator("button[type=submit]")).status == 200
    assert page.locator(".enrol-box .enrol-status.status-active").is_visible()

    # book a bed from the course page: the run's nights are proposed
    with page.expect_navigation():
        page.locator(".lodging-box a.button", has_text="숙박 예약").click()
    assert (
        page.locator("input[name=check_in]").input_value() == run.starts_on.isoformat()
    )
    assert (
        page.locator("input[name=check_out]").input_value() == run.ends_on.isoformat()
    )
    page.get_by_label("여성 전용").check()
    page.get_by_label("가능하면 같은 소속 학습자").check()
    assert _submit(page.get_by_role("button", name="침대 임시 배정받기")).status == 200
    stay = Stay.objects.get(guest__email=LEARNER)
    assert urlsplit(page.url).path == stay.get_absolute_url()
    assert stay.status == StayStatus.HELD and stay.bed.room.gender_policy == "women"
    assert page.locator(".stay-status.stay-held").is_visible()
    # again without the flash message: base.html's message list (a <ul> with
    # role=status) trips axe's listitem rule, which is the site shell's to fix
    page.goto(page.url)
    assert _axe_serious(page, axe_js) == []

    # confirm it; the stay page shows the room and the check-in instructions
    assert _submit(page.get_by_role("button", name="침대 확정하기")).status == 200
    assert page.locator(".stay-status.stay-confirmed").is_visible()
    assert f"{stay.bed.room.number}호" in page.locator(".stay-card").inner_text()
    assert "안내데스크" in page.locator(".instructions").inner_text()

    # the front desk checks the learner in
    context = browser.new_context(locale="ko-KR")
    desk = context.new_page()
    desk.set_default_timeout(10_000)
    try:
        _log_in(desk, base, STAFF)
        desk.goto(base + "/lodging/staff/front-desk/")
        arrivals = desk.locator("section[aria-labelledby=arrivals-heading] tbody tr")
        row = arrivals.filter(has_text=stay.guest.display_name)
        assert row.count() == 1
        assert _axe_serious(desk, axe_js) == []
        assert _submit(row.get_by_role("button", name="입실 처리")).status == 200
        assert "입실 처리했습니다" in desk.locator(".messages").inner_text()
        stay.refresh_from_db()
        assert stay.status == StayStatus.CHECKED_IN

        # the occupancy calendar shows the room taken tonight
        desk.goto(base + "/lodging/staff/")
        room_row = desk.locator("table.occupancy tbody tr").filter(
            has_text=stay.bed.room.number
        )
        assert room_row.locator("td.occ-checked_in").count() >= 1
        assert _axe_serious(desk, axe_js) == []
    finally:
        context.close()
