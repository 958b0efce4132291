"""SQL query counts of the lodging pages do not grow with rooms, nights or stays.

Each count is pinned with a little data and asserted unchanged with a lot:
the occupancy calendar with 100 rooms × 31 nights full of stays.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.lodging.models import Bed, GenderPolicy, Room, RoomKind, Stay, StayStatus

from ..factories import UserFactory
from ..factories.lodging import FloorFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)

# Staff pages: session, user and the staff-role check: 3 (the site menu is
# cached); then their own. The tests serve a site with a catalog (the `catalog`
# fixture), as the demo site is.
# The calendar: buildings, the room count, one page of rooms with their bed
# counts, the month's stays and out-of-service periods of those rooms.
OCCUPANCY_QUERIES = 8
FRONT_DESK_QUERIES = 4  # the day's stays
HOUSEKEEPING_QUERIES = 7  # rooms, stays, closures, buildings
REPORTS_QUERIES = 6  # beds per room, closures, stays
FLAGGED_QUERIES = 4  # the flagged stays
# runs, their session dates, beds, stays, closures, waitlist counts, live stays
RUNS_QUERIES = 10
RUN_QUERIES = 6  # the run, its session dates, its stays
# session, user, stays, enrolments, their runs' session dates, the staff-role
# check (office link)
MY_STAYS_QUERIES = 6


def rooms_bulk_create(*, count: int, start: int = 0, beds: int = 3) -> list[Room]:
    """`count` rooms of `beds` beds on a few floors, in a handful of queries."""
    floors = [FloorFactory() for _ in range(3)]
    rooms = Room.objects.bulk_create(
        Room(
            floor=floors[n % 3],
            number=f"{n:04d}",
            kind=RoomKind.QUAD,
            gender_policy=[GenderPolicy.WOMEN, GenderPolicy.MEN, GenderPolicy.MIXED][
                n % 3
            ],
        )
        for n in range(start, start + count)
    )
    if not all(room.pk for room in rooms):
        rooms = list(Room.objects.filter(number__in=[r.number for r in rooms]))
    Bed.objects.bulk_create(
        Bed(room=room, label=chr(ord("A") + b)) for room in rooms for b in range(beds)
    )
    return rooms


def stays_bulk_create(*, rooms, month: dt.date, nights: int = 3) -> int:
    """Back-to-back stays in every bed of `rooms` over the month, mixed statuses."""
    guest = UserFactory()
    statuses = [StayStatus.CONFIRMED, StayStatus.CHECKED_IN, StayStatus.CHECKED_OUT]
    stays = []
    for bed in Bed.objects.filter(room__in=rooms).select_related("room"):
        day = month + dt.timedelta(days=bed.pk % 3)
        while day < month + dt.timedelta(days=31):
            stays.append(
                Stay(
                    guest=guest,
                    bed=bed,
                    room_policy=bed.room.gender_policy,
                    check_in=day,
                    check_out=day + DAY * nights,
                    status=statuses[len(stays) % 3],
                )
            )
            day += DAY * (nights + 1)
    Stay.objects.bulk_create(stays)
    return len(stays)


def _counted(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm caches
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


MONTH = dt.date(2027, 3, 1)


def test_the_occupancy_calendar_queries_do_not_grow_to_100_rooms_and_31_nights(
    client, catalog, staff, django_assert_num_queries
):
    rooms = rooms_bulk_create(count=3)
    stays_bulk_create(rooms=rooms, month=MONTH)
    client.force_login(staff)
    url = reverse("lodging:occupancy") + "?month=2027-03"
    response = _counted(client, url, django_assert_num_queries, OCCUPANCY_QUERIES)
    assert len(response.context["calendar"].rows) == 3

    rooms += rooms_bulk_create(count=97, start=3)
    created = stays_bulk_create(rooms=rooms[3:], month=MONTH)
    assert created > 1500
    response = _counted(client, url, django_assert_num_queries, OCCUPANCY_QUERIES)
    calendar = response.context["calendar"]
    assert len(calendar.rows) == 100
    assert all(len(row.cells) == 31 for row in calendar.rows)
    assert calendar.occupied_bed_nights > 0.6 * calendar.bed_nights
    statuses = {cell.status for row in calendar.rows for cell in row.cells}
    assert {"confirmed", "checked_in", "checked_out"} <= statuses


def _stays_around(day: dt.date, rooms) -> None:
    stays_bulk_create(rooms=rooms, month=day - DAY * 10)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lodging:front-desk", FRONT_DESK_QUERIES),
        ("lodging:housekeeping", HOUSEKEEPING_QUERIES),
        ("lodging:reports", REPORTS_QUERIES),
        ("lodging:flagged", FLAGGED_QUERIES),
    ],
)
def test_the_front_desk_pages_queries_do_not_grow_with_stays(
    client, catalog, staff, django_assert_num_queries, name, expected
):
    day = MONTH + DAY * 14
    url = reverse(name) + f"?date={day.isoformat()}&year={day.year}"
    client.force_login(staff)
    rooms = rooms_bulk_create(count=2)
    _stays_around(day, rooms)
    Stay.objects.update(needs_review=True)
    _counted(client, url, django_assert_num_queries, expected)
    more = rooms_bulk_create(count=60, start=2)
    _stays_around(day, more)
    Stay.objects.update(needs_review=True)
    response = _counted(client, url, django_assert_num_queries, expected)
    if name == "lodging:front-desk":
        desk = response.context["desk"]
        assert len(desk.arrivals) + len(desk.departures) + len(desk.in_house) > 60


def test_my_stays_queries_do_not_grow_with_stays(
    client, enrol, django_assert_num_queries, floor
):
    from ..factories.lodging import room_create, stay_create

    enrollment = enrol()
    learner = enrollment.learner
    room = room_create(floor=floor, beds=1)
    bed = room.beds.get()
    stay_create(bed=bed, guest=learner, check_in=MONTH, check_out=MONTH + DAY)
    client.force_login(learner)
    url = reverse("lodging:my-stays")
    _counted(client, url, django_assert_num_queries, MY_STAYS_QUERIES)
    for n in range(1, 30):
        stay_create(
            bed=bed,
            guest=learner,
            check_in=MONTH + DAY * (2 * n),
            check_out=MONTH + DAY * (2 * n + 1),
        )
    response = _counted(client, url, django_assert_num_queries, MY_STAYS_QUERIES)
    lodging = response.context["lodging"]
    assert len(lodging.current) + len(lodging.past) == 30


def test_the_catalog_adds_no_query_without_residential_runs_and_few_with(
    client, catalog, django_assert_num_queries, women_room
):
    """Lodging costs the catalog nothing unless a residential run is shown, and
    then a fixed number of queries for any number of them."""
    from ..factories import CourseRunFactory, course_tree_create
    from ..learning.test_queries import CATALOG_QUERIES

    today = timezone.localdate()
    client.force_login(UserFactory())
    course_tree_create(index=catalog)
    _counted(client, catalog.url, django_assert_num_queries, CATALOG_QUERIES)

    def residential():
        CourseRunFactory(
            course=course_tree_create(index=catalog, delivery="residential"),
            is_residential=True,
            starts_on=today + DAY * 20,
            ends_on=today + DAY * 22,
        )

    residential()
    # residential runs, their session dates, beds, their stays, closures,
    # waitlist counts
    with_lodging = CATALOG_QUERIES + 6
    _counted(client, catalog.url, django_assert_num_queries, with_lodging)
    for _ in range(8):
        residential()
    response = _counted(client, catalog.url, django_assert_num_queries, with_lodging)
    assert response.content.decode().count("숙박 2개 침대 남음") == 9


def test_the_runs_overview_and_a_runs_stays_do_not_grow_with_stays(
    client, catalog, staff, run, enrol, floor, django_assert_num_queries
):
    from lms.lodging.services import stay_hold

    from ..factories.lodging import room_create

    room_create(floor=floor, number="101", beds=2)
    for _ in range(3):
        stay_hold(enrollment=enrol(), room_policy=GenderPolicy.WOMEN)
    client.force_login(staff)
    overview = reverse("lodging:runs")
    run_page = reverse("lodging:run", args=[run.pk])
    # the shell (3), then runs, their session dates, beds, their stays, closures,
    # waitlist counts, stays
    _counted(client, overview, django_assert_num_queries, RUNS_QUERIES)
    _counted(client, run_page, django_assert_num_queries, RUN_QUERIES)
    room_create(floor=floor, number="102", beds=4)
    for _ in range(30):
        stay_hold(enrollment=enrol(), room_policy=GenderPolicy.WOMEN)
    response = _counted(client, overview, django_assert_num_queries, RUNS_QUERIES)
    (item,) = response.context["overview"]
    assert (item.booked, item.waitlisted) == (6, 27)
    response = _counted(client, run_page, django_assert_num_queries, RUN_QUERIES)
    assert len(response.context["waitlist"]) == 27
