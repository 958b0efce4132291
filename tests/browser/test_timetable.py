"""Attendance in a real browser: the instructor takes the roster and projects the
QR code; a learner opens the code's URL on their phone and checks in.

The live server's database gets the demo site and people, one course with a
run the two demo learners are enrolled in, a room, and a meeting under way.
"""

import datetime as dt
import json

import pytest

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

INSTRUCTOR = "instructor@campus.example"
MARKED = "learner2@campus.example"  # marked by the instructor on the roster
SCANNER = "learner@campus.example"  # checks in with the QR code


@pytest.fixture
def meeting(demo_site):
    from django.utils import timezone

    from courses.models import CoursePageInstructor
    from tests.factories import (
        CourseIndexPageFactory,
        CourseRunFactory,
        EnrollmentFactory,
        course_tree_create,
    )
    from tests.factories.timetable import RoomFactory, meeting_create

    people = demo_site["people"]
    index = CourseIndexPageFactory(parent=demo_site["home"])
    course = course_tree_create(index=index, title="마을기업 실무 과정")
    CoursePageInstructor.objects.create(page=course, user=people[INSTRUCTOR])
    run = CourseRunFactory(course=course)
    for email in (MARKED, SCANNER):
        EnrollmentFactory(run=run, learner=people[email])
    now = timezone.now()
    return meeting_create(
        room=RoomFactory(name="세미나실 201"),
        run=run,
        starts_at=now - dt.timedelta(minutes=3),
        ends_at=now + dt.timedelta(hours=2),
        title="마을기업 사업계획 실습",
        instructors=[people[INSTRUCTOR]],
    )


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("nav.account-nav a[href$='/accounts/profile/']").count()


def _serious_violations(page, axe_js) -> list:
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_instructor_takes_attendance_and_a_learner_checks_in_with_the_qr_code(
    browser, page, demo_site, meeting, axe_js
):
    from lms.timetable.models import Attendance

    base = demo_site["url"]
    people = demo_site["people"]
    marked, scanner = people[MARKED], people[SCANNER]

    # the instructor opens the roster and marks one learner present
    _log_in(page, base, INSTRUCTOR)
    page.goto(f"{base}/timetable/meetings/{meeting.pk}/attendance/")
    assert page.locator("h1").inner_text() == "출결"
    violations = _serious_violations(page, axe_js)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)
    page.locator(f"input[name=learner_{marked.pk}][value=present]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="출결 저장").click()
    assert "출결을 저장했습니다" in page.locator(".messages").inner_text()
    assert Attendance.objects.get(learner=marked).status == "present"

    # ... and projects the QR code, which links to the check-in page
    page.get_by_role("link", name="셀프 출석용 QR 코드 띄우기").click()
    page.wait_for_url("**/qr/")
    assert page.locator(".tt-qr svg").is_visible()
    checkin_url = page.locator(".tt-checkin-url a").get_attribute("href")
    assert "/timetable/check-in/" in checkin_url

    # the learner scans it on a phone: asked to log in, then checks in
    phone = browser.new_context(
        locale="ko-KR", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    try:
        learner_page = phone.new_page()
        learner_page.goto(checkin_url)
        assert "/accounts/login/" in learner_page.url
        learner_page.fill("input[name=login]", SCANNER)
        learner_page.fill("input[name=password]", DEMO_PASSWORD)
        with learner_page.expect_navigation():
            learner_page.locator("main form button[type=submit]").click()
        assert "/timetable/check-in/" in learner_page.url
        assert "마을기업 사업계획 실습" in learner_page.locator(".lead").inner_text()
        with learner_page.expect_navigation():
            learner_page.get_by_role("button", name="지금 출석 체크").click()
        assert (
            "출석 체크되었습니다" in learner_page.locator(".tt-checked-in").inner_text()
        )
    finally:
        phone.close()
    record = Attendance.objects.get(learner=scanner)
    assert (record.status, record.method) == ("present", "qr")

    # the roster now shows the learner's QR check-in
    page.goto(f"{base}/timetable/meetings/{meeting.pk}/attendance/")
    assert page.locator(f"input[name=learner_{scanner.pk}][value=present]").is_checked()
    row = page.locator("tr").filter(has_text=scanner.name_ko)
    assert "QR 출석" in row.inner_text()

    # the staff screens pass axe too: the week grid (with the meeting) and the form
    staff = browser.new_context(locale="ko-KR")
    try:
        staff_page = staff.new_page()
        _log_in(staff_page, base, "staff@campus.example")
        for path in ("/timetable/", "/timetable/sessions/new/"):
            assert staff_page.goto(base + path).status == 200
            violations = _serious_violations(staff_page, axe_js)
            assert violations == [], json.dumps(violations, ensure_ascii=False)
        staff_page.goto(base + "/timetable/")
        assert staff_page.locator(
            ".tt-meeting", has_text="마을기업 사업계획 실습"
        ).count()
    finally:
        staff.close()
