"""Registration for one date of a repeating event: places per date held by a
check constraint, a waitlist per date, bad dates refused with a reason, the
page's per-date forms and the registered date in the personal feed."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from cms.event_models import EventException, EventPage, EventRegistration, EventSeats
from cms.events import event_occurrences
from cms.hours import local_zone
from cms.services.events import EventError, event_register, event_unregister
from lms.timetable.services import feed_token_for
from tests.concurrency import in_parallel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _cafe(capacity: int = 2) -> EventPage:
    page = EventPage.objects.get(slug="repair-cafe", locale__language_code="ko")
    EventPage.objects.filter(translation_key=page.translation_key).update(
        capacity=capacity
    )
    page.refresh_from_db()
    return page


def _coming_dates(page) -> list[dt.date]:
    now = timezone.now()
    return [
        o.original_start.astimezone(local_zone()).date()
        for o in event_occurrences(page)
        if o.ends_at > now and not o.cancelled
    ]


@pytest.fixture
def cafe(site_pages):
    return _cafe()


def test_each_date_has_its_own_places_and_waitlist(cafe):
    first_date, second_date = _coming_dates(cafe)[:2]
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    assert event_register(page=cafe, user=a, occurrence_date=first_date).status == (
        "confirmed"
    )
    assert event_register(page=cafe, user=b, occurrence_date=first_date).status == (
        "confirmed"
    )
    assert event_register(page=cafe, user=c, occurrence_date=first_date).status == (
        "waitlisted"
    )
    # the next week is another date: its places are all free
    assert event_register(page=cafe, user=c, occurrence_date=second_date).status == (
        "confirmed"
    )
    seats = dict(
        EventSeats.objects.filter(event_key=cafe.translation_key).values_list(
            "occurrence_date", "taken"
        )
    )
    assert seats == {first_date: 2, second_date: 1}
    # a place given up goes to the first waiting for that date only
    assert event_unregister(page=cafe, user=a, occurrence_date=first_date)
    assert (
        EventRegistration.objects.get(user=c, occurrence_date=first_date).status
        == "confirmed"
    )
    assert EventRegistration.objects.get(
        user=c, occurrence_date=second_date
    ).status == ("confirmed")
    assert not event_unregister(page=cafe, user=a, occurrence_date=second_date)


def test_bad_dates_are_refused_with_a_reason(cafe, workshop_whole):
    person = UserFactory()
    coming = _coming_dates(cafe)
    cases = [
        (None, "Choose the date you want to come."),
        (coming[0] + dt.timedelta(days=1), "The event does not take place"),
    ]
    EventException.objects.create(page=cafe, original_date=coming[1], cancelled=True)
    cases.append((coming[1], "This date is cancelled."))
    for day, reason in cases:
        with translation.override("en"):
            with pytest.raises(EventError) as refused:
                event_register(page=cafe, user=person, occurrence_date=day)
            assert reason in str(refused.value.message)
    with translation.override("en"):
        with pytest.raises(EventError) as refused:
            event_register(page=workshop_whole, user=person, occurrence_date=coming[0])
        assert "as a whole" in str(refused.value.message)
    assert EventRegistration.objects.count() == 0


@pytest.fixture
def workshop_whole(site_pages):
    return EventPage.objects.get(slug="maker-workshop", locale__language_code="ko")


def test_the_database_keeps_a_date_within_its_places(cafe):
    day = _coming_dates(cafe)[0]
    seats = EventSeats.objects.create(
        event_key=cafe.translation_key, occurrence_date=day, capacity=1, taken=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EventSeats.objects.filter(pk=seats.pk).update(taken=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventSeats.objects.create(
            event_key=cafe.translation_key, occurrence_date=day, capacity=5
        )
    person = UserFactory()
    EventRegistration.objects.create(
        event_key=cafe.translation_key,
        occurrence_date=day,
        user=person,
        status="confirmed",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EventRegistration.objects.create(
            event_key=cafe.translation_key,
            occurrence_date=day,
            user=person,
            status="waitlisted",
        )


def test_a_repeating_event_needs_a_rule_for_places_per_date(cafe):
    from django.core.exceptions import ValidationError

    cafe.rrule = ""
    with pytest.raises(ValidationError) as refused:
        cafe.clean()
    assert "register_per_date" in refused.value.message_dict


def test_registering_for_a_date_through_the_page(client, cafe):
    day = _coming_dates(cafe)[0]
    person = UserFactory()
    client.force_login(person)
    html = client.get(cafe.url).content.decode()
    assert f'data-testid="date-{day:%Y-%m-%d}"' in html
    url = reverse("cms:event-register", args=[cafe.pk])
    assert client.post(url, {"date": "next tuesday"}).status_code == 400
    assert client.post(url, {"date": day.isoformat()}).status_code == 302
    registration = EventRegistration.objects.get()
    assert (registration.user, registration.occurrence_date) == (person, day)
    html = client.get(cafe.url).content.decode()
    assert 'data-testid="registration-status"' in html
    client.post(url, {"date": day.isoformat(), "action": "cancel"})
    assert EventRegistration.objects.get().status == "cancelled"


def test_the_page_query_count_does_not_grow_with_registrations(
    client, cafe, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = UserFactory()
    client.force_login(person)
    dates = _coming_dates(cafe)
    event_register(page=cafe, user=person, occurrence_date=dates[0])
    client.get(cafe.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(cafe.url)
    for day in dates[1:4]:
        event_register(page=cafe, user=person, occurrence_date=day)
    with django_assert_max_num_queries(len(captured)):
        client.get(cafe.url)


def test_the_registered_date_alone_reaches_the_personal_feed(client, cafe):
    day = _coming_dates(cafe)[0]
    person = UserFactory()
    event_register(page=cafe, user=person, occurrence_date=day)
    token = feed_token_for(user=person)
    calendar = Calendar.from_ical(
        client.get(reverse("timetable-feeds:personal", args=[token.token])).content
    )
    mine = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["UID"]).startswith(f"town-event-{cafe.translation_key}")
    ]
    assert len(mine) == 1
    (event,) = mine
    assert "RRULE" not in event
    assert event.decoded("DTSTART").astimezone(local_zone()).date() == day
    assert str(event["STATUS"]) == "CONFIRMED"


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_for_one_date_never_exceed_its_places(postgresql):
    from cms.demo import seed_site

    seed_site()
    page = _cafe(capacity=3)
    day = _coming_dates(page)[0]
    people = [UserFactory() for _ in range(6)]
    results, errors = in_parallel(
        lambda u: event_register(page=page, user=u, occurrence_date=day), people
    )
    assert not errors
    assert sorted(r.status for r in results).count("confirmed") == 3
    seats = EventSeats.objects.get(event_key=page.translation_key, occurrence_date=day)
    assert seats.taken == 3
