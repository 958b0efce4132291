"""The town in a real browser: a member books a meeting room; a learner who
completed the safety course reserves the 3D printer while one who did not is
told why; a visitor sends a counselling request and staff answer it; the
town's new page types pass axe."""

import datetime as dt

import pytest

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

TRAINED = "learner@campus.example"
UNTRAINED = "learner2@campus.example"
STAFF = "staff@campus.example"


@pytest.fixture
def town(demo_site):
    from django.utils import timezone
    from wagtail.models import Locale

    from cms.booking_models import Bookable
    from cms.demo_town import seed_organizations, seed_town
    from cms.hours import local_zone
    from tests.factories import CourseIndexPageFactory

    home = demo_site["home"]
    catalog = CourseIndexPageFactory(parent=home, slug="courses")
    catalog.copy_for_translation(Locale.objects.get(language_code="en"))
    seed_town(people=demo_site["people"])
    seed_organizations(people=demo_site["people"])
    day = timezone.now().astimezone(local_zone()).date() + dt.timedelta(days=2)
    while day.weekday() in (0, 6):  # the fab lab opens Tuesday to Saturday
        day += dt.timedelta(days=1)
    return {
        **demo_site,
        "day": day.isoformat(),
        "printer": Bookable.objects.get(room__code="printer-3d"),
        "meeting": Bookable.objects.get(room__code="meet-s"),
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


def _book_first_free(page, purpose):
    page.locator("input[name=start]:not([disabled])").first.check()
    page.fill("#id_purpose", purpose)
    return _submit(page.get_by_role("button", name="예약하기"))


def test_bookings_with_the_training_gate(browser, page, town, axe_js):
    from cms.booking_models import Booking

    base = town["url"]
    # a member books a meeting room
    _log_in(page, base, UNTRAINED)
    page.goto(f"{base}/bookings/{town['meeting'].pk}/?date={town['day']}")
    assert _axe_serious(page, axe_js) == []
    assert _book_first_free(page, "이사회").status == 200
    assert "/bookings/mine/" in page.url
    assert "소회의실" in page.locator("main table").inner_text()
    # the untrained learner is told why the printer cannot be booked
    page.goto(f"{base}/bookings/{town['printer'].pk}/?date={town['day']}")
    assert page.locator("[data-testid=training-required]").is_visible()
    _book_first_free(page, "시제품 출력")
    assert "안전 교육" in page.locator(".messages").inner_text()
    assert not Booking.objects.filter(bookable=town["printer"]).exists()

    # the learner who completed the safety course reserves it
    context = browser.new_context(locale="ko-KR")
    trained = context.new_page()
    trained.set_default_timeout(10_000)
    try:
        _log_in(trained, base, TRAINED)
        trained.goto(f"{base}/bookings/{town['printer'].pk}/?date={town['day']}")
        assert trained.locator("[data-testid=training-required]").count() == 0
        assert _book_first_free(trained, "시제품 출력").status == 200
        assert Booking.objects.get(bookable=town["printer"]).booker.email == TRAINED
        assert "3D 프린터" in trained.locator("main table").inner_text()
    finally:
        context.close()


def test_a_visitor_sends_a_counselling_request_and_staff_answer_it(
    browser, page, town, axe_js
):
    base = town["url"]
    page.goto(base + "/town/finance-counselling/")
    assert _axe_serious(page, axe_js) == []
    page.get_by_label("이름", exact=False).first.fill("김사회")
    page.get_by_label("기관명").fill("함께협동조합")
    page.get_by_label("상담 유형").select_option("투자")
    page.get_by_label("필요 금액").select_option(index=1)
    page.get_by_label("자금 용도").fill("공동 작업장 설비")
    page.get_by_label("답변 받을 이메일 주소").fill("visitor@example.org")
    page.get_by_label("신청 접수와 답변", exact=False).check()
    assert _submit(page.get_by_role("button", name="보내기")).status == 200
    with page.expect_navigation():
        page.locator("[data-testid=request-status-link]").click()
    status_url = page.url
    assert page.locator("[data-testid=request-status]").inner_text() == "접수"
    assert _axe_serious(page, axe_js) == []

    context = browser.new_context(locale="ko-KR")
    staff = context.new_page()
    staff.set_default_timeout(10_000)
    try:
        _log_in(staff, base, STAFF)
        staff.goto(base + "/requests/staff/")
        card = staff.locator(".card", has_text="공동 작업장 설비")
        card.locator("select[name=status]").select_option("answered")
        card.locator("textarea[name=answer]").fill("다음 주 화요일 10시에 뵙겠습니다.")
        assert _submit(card.get_by_role("button", name="저장")).status == 200
    finally:
        context.close()
    page.goto(status_url)
    assert page.locator("[data-testid=request-status]").inner_text() == "답변 완료"
    assert "화요일 10시" in page.locator("main").inner_text()


def test_the_towns_pages_pass_axe(page, town, axe_js):
    base = town["url"]
    for path in [
        "/town/fab-lab/",
        "/en/town/finance-center/",
        "/services/?q=상담",
        "/bookings/",
        "/events/",
        "/whats-on/local-food-market/",
        "/whats-on/repair-cafe/",
        "/bookings/?kind=equipment",
        "/whats-on/",
        "/organizations/",
        "/organizations/shared-table-cooperative/",
        "/search/?q=협동조합",
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert _axe_serious(page, axe_js) == [], path
