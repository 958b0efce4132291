"""The learner's and the staff's pages: what they do, refuse and say."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.lodging.models import GenderPolicy, Stay, StayStatus
from lms.lodging.services import stay_hold

from ..http import response_body

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def held(enrollment, women_room) -> Stay:
    return stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)


def test_a_learner_books_and_confirms_a_bed(client, enrollment, women_room, run):
    client.force_login(enrollment.learner)
    url = reverse("lodging:stay-hold", args=[enrollment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["check_in"] == run.starts_on
    response = client.post(
        url,
        {
            "room_policy": GenderPolicy.WOMEN,
            "check_in": run.starts_on.isoformat(),
            "check_out": run.ends_on.isoformat(),
        },
    )
    stay = Stay.objects.get()
    assert response.status_code == 302 and response.url == stay.get_absolute_url()
    assert stay.status == StayStatus.HELD
    page = client.get(stay.get_absolute_url())
    assert "201" in page.content.decode()  # the room number
    assert client.get(url).url == stay.get_absolute_url()  # booked already
    response = client.post(reverse("lodging:stay-confirm", args=[stay.pk]))
    assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.status == StayStatus.CONFIRMED
    page = client.get(stay.get_absolute_url()).content.decode()
    assert "안내데스크" in page  # the check-in instructions


def test_bad_nights_are_refused_with_a_message_and_nothing_written(
    client, enrollment, women_room, run
):
    client.force_login(enrollment.learner)
    url = reverse("lodging:stay-hold", args=[enrollment.pk])
    response = client.post(
        url,
        {
            "room_policy": GenderPolicy.WOMEN,
            "check_in": run.ends_on.isoformat(),
            "check_out": run.starts_on.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "체크아웃 날짜는 체크인 날짜보다 뒤여야 합니다" in response.content.decode()
    response = client.post(
        url,
        {
            "room_policy": GenderPolicy.WOMEN,
            "check_in": (run.starts_on - DAY * 3).isoformat(),
            "check_out": run.ends_on.isoformat(),
        },
    )
    assert response.status_code == 400
    response = client.post(url, {"room_policy": "everyone"})
    assert response.status_code == 400
    assert not Stay.objects.exists()


def test_confirming_an_expired_hold_says_so_with_409(client, held):
    client.force_login(held.guest)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
        response = client.post(reverse("lodging:stay-confirm", args=[held.pk]))
    assert response.status_code == 409
    assert "확정하지 않아" in response.content.decode()
    held.refresh_from_db()
    assert held.status == StayStatus.EXPIRED


def test_a_learner_cancels_their_stay(client, held):
    client.force_login(held.guest)
    response = client.post(reverse("lodging:stay-cancel", args=[held.pk]))
    assert response.status_code == 302
    assert Stay.objects.get(pk=held.pk).status == StayStatus.CANCELLED


def test_my_stays_lists_runs_to_book_and_stays(client, enrollment, women_room):
    client.force_login(enrollment.learner)
    page = client.get(reverse("lodging:my-stays"))
    assert [b.enrollment for b in page.context["lodging"].bookable] == [enrollment]
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    page = client.get(reverse("lodging:my-stays"))
    assert page.context["lodging"].bookable == []
    assert page.context["lodging"].current == [stay]


# --- who may see what -------------------------------------------------------------

LEARNER_URLS = ["lodging:stay-detail", "lodging:stay-confirm", "lodging:stay-cancel"]


@pytest.mark.parametrize("name", LEARNER_URLS)
@pytest.mark.parametrize("who", ["other learner", "other instructor", "anonymous"])
def test_a_stay_is_its_guests_alone(client, held, name, who, enrol, other_instructor):
    url = reverse(name, args=[held.pk])
    if who == "other learner":
        client.force_login(enrol().learner)
    elif who == "other instructor":
        client.force_login(other_instructor)
    response = client.post(url) if name != "lodging:stay-detail" else client.get(url)
    if who == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == 404
    assert Stay.objects.get(pk=held.pk).status == StayStatus.HELD


def test_no_one_books_on_someone_elses_enrolment(client, enrollment, enrol, women_room):
    url = reverse("lodging:stay-hold", args=[enrollment.pk])
    client.force_login(enrol().learner)
    assert client.get(url).status_code == 404
    assert client.post(url, {"room_policy": "women"}).status_code == 404
    assert not Stay.objects.exists()


def _staff_urls(stay) -> list[tuple[str, str]]:
    """(method, url) of every staff screen and action."""
    gets = [
        reverse("lodging:occupancy"),
        reverse("lodging:front-desk"),
        reverse("lodging:housekeeping"),
        reverse("lodging:reports"),
        reverse("lodging:flagged"),
        reverse("lodging:runs"),
        reverse("lodging:run", args=[stay.run_id]),
        reverse("lodging:stay-manage", args=[stay.pk]),
        reverse("lodging:stay-new"),
        reverse("lodging:out-of-service-new"),
        reverse("lodging:stays-csv"),
        reverse("lodging:front-desk-csv"),
        reverse("lodging:housekeeping-csv"),
        reverse("lodging:occupancy-csv"),
    ]
    posts = [
        reverse("lodging:stay-action", args=[stay.pk, action])
        for action in ("check-in", "check-out", "no-show", "cancel", "review-clear")
    ] + [
        reverse("lodging:stay-bed", args=[stay.pk]),
        reverse("lodging:stay-nights", args=[stay.pk]),
    ]
    return [("get", url) for url in gets] + [("post", url) for url in posts]


@pytest.mark.parametrize("who", ["learner", "course instructor", "anonymous"])
def test_the_lodging_office_is_for_center_staff_only(client, held, who, course):
    from ..factories import instructor_create

    if who == "learner":
        client.force_login(held.guest)
    elif who == "course instructor":
        client.force_login(instructor_create(courses=[course]))
    for method, url in _staff_urls(held):
        response = getattr(client, method)(url)
        if who == "anonymous":
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("account_login")), url
        else:
            assert response.status_code == 403, url
    assert Stay.objects.get(pk=held.pk).status == StayStatus.HELD


def test_center_staff_open_every_screen(client, held, staff):
    client.force_login(staff)
    for method, url in _staff_urls(held):
        if method == "get":
            assert client.get(url).status_code == 200, url


# --- the front desk ---------------------------------------------------------------


def test_staff_check_a_guest_in_from_the_front_desk(client, held, staff, run):
    from lms.lodging.services import stay_confirm

    held = stay_confirm(stay=held)
    arrival = timezone.make_aware(dt.datetime.combine(run.starts_on, dt.time(16)))
    with time_machine.travel(arrival, tick=False):
        # signed in on arrival day: a session from two weeks before has expired
        client.force_login(staff)
        page = client.get(reverse("lodging:front-desk"))
        assert page.context["desk"].arrivals == [held]
        response = client.post(
            reverse("lodging:stay-action", args=[held.pk, "check-in"]),
            {"from": "front-desk", "date": run.starts_on.isoformat()},
        )
    assert response.status_code == 302
    assert response.url == (
        reverse("lodging:front-desk") + f"?date={run.starts_on.isoformat()}"
    )
    assert Stay.objects.get(pk=held.pk).status == StayStatus.CHECKED_IN


def test_a_refused_front_desk_action_answers_409(client, held, staff):
    client.force_login(staff)
    response = client.post(reverse("lodging:stay-action", args=[held.pk, "check-out"]))
    assert response.status_code == 409
    assert Stay.objects.get(pk=held.pk).status == StayStatus.HELD


def test_staff_book_a_guest_and_bad_input_is_refused(client, staff, women_room, run):
    client.force_login(staff)
    url = reverse("lodging:stay-new")
    data = {
        "kind": "guest",
        "guest_name": "",
        "room_policy": GenderPolicy.WOMEN,
        "check_in": run.starts_on.isoformat(),
        "check_out": run.ends_on.isoformat(),
    }
    assert client.post(url, data).status_code == 400
    assert (
        client.post(url, {**data, "guest_email": "nobody@example.org"}).status_code
        == 400
    )
    response = client.post(url, {**data, "guest_name": "방문객"})
    assert response.status_code == 302
    assert Stay.objects.get().guest_name == "방문객"


def test_staff_move_a_guest_to_another_bed(client, held, staff, floor):
    from ..factories.lodging import room_create

    spare = room_create(floor=floor, number="299", beds=1)
    client.force_login(staff)
    page = client.get(reverse("lodging:stay-manage", args=[held.pk]))
    choices = list(page.context["bed_form"].fields["bed"].queryset)
    assert spare.beds.get() in choices and held.bed not in choices
    response = client.post(
        reverse("lodging:stay-bed", args=[held.pk]), {"bed": spare.beds.get().pk}
    )
    assert response.status_code == 302
    assert Stay.objects.get(pk=held.pk).bed.room == spare


# --- exports ----------------------------------------------------------------------


def test_the_stays_export_is_csv_that_excel_reads_as_utf8(client, held, staff, run):
    client.force_login(staff)
    response = client.get(
        reverse("lodging:stays-csv") + f"?month={run.starts_on:%Y-%m}"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = response_body(response).decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.splitlines()
    assert lines[0].lstrip("\ufeff").startswith("숙박,이름,이메일,투숙객 구분")
    assert held.guest.email in lines[1]


def test_the_occupancy_export_has_twelve_months(client, staff, held, run):
    client.force_login(staff)
    response = client.get(
        reverse("lodging:occupancy-csv") + f"?year={run.starts_on.year}"
    )
    rows = response_body(response).decode("utf-8-sig").splitlines()
    assert len(rows) == 13


# --- the catalog and the course page ----------------------------------------------


def test_the_catalog_shows_lodging_left_for_a_residential_run(
    client, catalog, run, women_room, men_room
):
    page = client.get(catalog.url).content.decode()
    assert "숙박 4개 침대 남음" in page


def test_the_catalog_says_when_lodging_is_full(client, catalog, run, women_room, enrol):
    for _ in range(2):
        stay_hold(enrollment=enrol(), room_policy=GenderPolicy.WOMEN)
    page = client.get(catalog.url).content.decode()
    assert "숙박 마감(대기 가능)" in page


def test_the_course_page_offers_an_enrolled_learner_a_bed(
    client, enrollment, course, women_room
):
    client.force_login(enrollment.learner)
    page = client.get(course.url).content.decode()
    assert reverse("lodging:stay-hold", args=[enrollment.pk]) in page
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    page = client.get(course.url).content.decode()
    assert reverse("lodging:stay-detail", args=[stay.pk]) in page
