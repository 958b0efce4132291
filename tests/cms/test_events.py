"""Town events: recurrence with cancelled and moved dates, registration with
capacity and waitlist, JSON-LD, the calendar page and iCalendar feeds equal to
the database (parsed by icalendar, expanded by recurring-ical-events)."""

import datetime as dt
import json

import pytest
import recurring_ical_events
from django.urls import reverse
from icalendar import Calendar
from lxml import html as lxml_html

from cms.event_models import EventPage, EventRegistration, EventSeats
from cms.events import event_occurrences
from cms.services.events import EventError, event_register, event_unregister
from lms.timetable.services import feed_token_for
from tests.concurrency import in_parallel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(site_pages):
    return EventPage.objects.get(slug="local-food-market", locale__language_code="ko")


@pytest.fixture
def workshop(site_pages):
    page = EventPage.objects.get(slug="maker-workshop", locale__language_code="ko")
    EventPage.objects.filter(translation_key=page.translation_key).update(capacity=2)
    page.refresh_from_db()
    return page


def test_the_weekly_market_expands_with_a_cancelled_and_a_moved_date(market):
    occurrences = event_occurrences(market)
    assert len(occurrences) == 26
    assert all(o.original_start.weekday() == 5 for o in occurrences)
    cancelled = [o for o in occurrences if o.cancelled]
    moved = [o for o in occurrences if o.moved]
    assert len(cancelled) == 1 and len(moved) == 1
    assert moved[0].starts_at.weekday() == 6


def test_the_feed_equals_the_database(client, market):
    response = client.get(reverse("town-events-feed"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    start = market.starts_at - dt.timedelta(days=1)
    end = market.starts_at + dt.timedelta(days=400)
    expanded = [
        e
        for e in recurring_ical_events.of(calendar).between(start, end)
        if str(e["UID"]) == market.uid
    ]
    expected = event_occurrences(market)
    assert len(expanded) == len(expected)
    by_start = {e.decoded("DTSTART"): e for e in expanded}
    for occurrence in expected:
        event = by_start[occurrence.starts_at]
        status = "CANCELLED" if occurrence.cancelled else "CONFIRMED"
        assert str(event["STATUS"]) == status


def test_registration_fills_places_then_the_waitlist_then_promotes(workshop):
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    assert event_register(page=workshop, user=first).status == "confirmed"
    assert event_register(page=workshop, user=second).status == "confirmed"
    assert event_register(page=workshop, user=third).status == "waitlisted"
    assert event_register(page=workshop, user=third).status == "waitlisted"  # no-op
    event_unregister(page=workshop, user=first)
    assert (
        EventRegistration.objects.get(user=third, status__in=["confirmed"]).status
        == "confirmed"
    )
    assert EventSeats.objects.get(event_key=workshop.translation_key).taken == 2


def test_an_event_without_places_or_cancelled_refuses_registration(site_pages):
    fair = EventPage.objects.get(slug="social-economy-fair", locale__language_code="ko")
    with pytest.raises(EventError):
        event_register(page=fair, user=UserFactory())


def test_event_page_has_event_jsonld(client, market):
    response = client.get(market.url)
    tree = lxml_html.fromstring(response.content)
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert data["@type"] == "Event"
    assert (
        data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    )
    assert data["location"]["@type"] == "Place"
    statuses = {sub["eventStatus"] for sub in data["subEvent"]}
    assert "https://schema.org/EventCancelled" in statuses
    assert "https://schema.org/EventRescheduled" in statuses
    html = response.content.decode()
    assert "취소" in html and "변경" in html


def test_registered_events_reach_the_personal_feed(client, workshop):
    person = UserFactory()
    event_register(page=workshop, user=person)
    token = feed_token_for(user=person)
    calendar = Calendar.from_ical(
        client.get(reverse("timetable-feeds:personal", args=[token.token])).content
    )
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert workshop.uid in uids
    start = workshop.starts_at - dt.timedelta(days=1)
    expanded = [
        e
        for e in recurring_ical_events.of(calendar).between(
            start, start + dt.timedelta(days=365)
        )
        if str(e["UID"]) == workshop.uid
    ]
    assert len(expanded) == 6


def test_registering_through_the_page(client, workshop):
    person = UserFactory()
    url = reverse("cms:event-register", args=[workshop.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert EventRegistration.objects.count() == 0
    client.force_login(person)
    client.post(url)
    assert EventRegistration.objects.get().user == person
    client.post(url, {"action": "cancel"})
    assert EventRegistration.objects.get().status == "cancelled"


def test_the_calendar_page_shows_a_month_in_both_languages(client, market):
    month = market.starts_at.strftime("%Y-%m")
    html = client.get(reverse("cms:events") + f"?month={month}").content.decode()
    assert "토요 로컬푸드 장터" in html
    html = client.get(
        "/en" + reverse("cms:events") + f"?month={month}"
    ).content.decode()
    assert "Saturday local-food market" in html


def test_calendar_query_count_does_not_grow_with_events(
    client, market, django_assert_max_num_queries
):
    month = market.starts_at.strftime("%Y-%m")
    url = reverse("cms:events") + f"?month={month}"
    client.get(url)
    with django_assert_max_num_queries(12) as captured:
        client.get(url)
    baseline = len(captured)
    index = market.get_parent()
    for n in range(5):
        index.add_child(
            instance=EventPage(
                title=f"행사 {n}",
                slug=f"extra-{n}",
                summary="요약",
                starts_at=market.starts_at,
                ends_at=market.ends_at,
                venue_space=market.venue_space,
            )
        )
    client.get(url)
    with django_assert_max_num_queries(baseline):
        client.get(url)


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_exceed_capacity(postgresql):
    from cms.demo import seed_site

    seed_site()
    page = EventPage.objects.get(slug="maker-workshop", locale__language_code="ko")
    EventPage.objects.filter(translation_key=page.translation_key).update(capacity=3)
    page.refresh_from_db()
    people = [UserFactory() for _ in range(6)]
    results, errors = in_parallel(lambda u: event_register(page=page, user=u), people)
    assert not errors
    statuses = sorted(r.status for r in results)
    assert statuses.count("confirmed") == page.capacity
    assert EventSeats.objects.get(event_key=page.translation_key).taken == page.capacity
