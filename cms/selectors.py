"""Reads for the site: the shell, the town's spaces and their hours."""

from django.db.models import QuerySet
from django.utils import timezone

from .hours import local_zone, opening_hours_jsonld
from .jsonld import jsonld_dumps
from .models import HomePage, LinkedService, TownIndexPage, TownSpacePage


def town_spaces_for_home(*, home: HomePage) -> QuerySet[TownSpacePage]:
    """The live spaces under the home page's town index, in menu order."""
    town = TownIndexPage.objects.child_of(home).live().first()
    if town is None:
        return TownSpacePage.objects.none()
    return TownSpacePage.objects.child_of(town).live().public().order_by("path")


def space_jsonld(*, page: TownSpacePage, hours, request=None) -> dict:
    """schema.org CivicStructure of the space, with its opening hours."""
    today = timezone.now().astimezone(local_zone()).date()
    data = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
    }
    if page.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "addressCountry": "KR",
        }
    if page.phone:
        data["telephone"] = page.phone
    if page.email:
        data["email"] = page.email
    facilities = [
        {
            "@type": "LocationFeatureSpecification",
            "name": block.value["name"],
            "value": True,
        }
        for block in page.facilities
    ]
    if facilities:
        data["amenityFeature"] = facilities
    data.update(opening_hours_jsonld(hours, today=today))
    return data


def space_page_context(*, page: TownSpacePage, request=None) -> dict:
    """What a space page shows beside its fields: hours now and this week,
    the linked services and the JSON-LD. A fixed number of queries."""
    hours = page.hours()
    now = timezone.now().astimezone(local_zone())
    return {
        "hours": hours,
        "open_status": hours.status(now) if not hours.is_empty else None,
        "week": hours.week_from(now.date()) if not hours.is_empty else [],
        "linked_services": service_list_for_space(space=page.kind),
        "jsonld": jsonld_dumps(space_jsonld(page=page, hours=hours, request=request)),
    }


def service_list_for_space(*, space: str) -> list[LinkedService]:
    """The space's active services with a target, in order (one query)."""
    return list(
        LinkedService.objects.active()
        .with_target()
        .filter(space=space)
        .select_related("target_page")
    )


def service_list(
    *, space: str = "", kind: str = "", audience: str = "", query: str = ""
) -> QuerySet[LinkedService]:
    """The directory: active services with a target, filtered and searched.

    The search matches substrings in both languages, so a Korean word inside a
    compound (상담 in 금융상담) is found.
    """
    services = (
        LinkedService.objects.active().with_target().select_related("target_page")
    )
    if space:
        services = services.filter(space=space)
    if kind:
        services = services.filter(kind=kind)
    if audience:
        services = services.filter(audience=audience)
    for word in query.split()[:8]:
        services = services.filter(LinkedService.matching(word))
    return services


# -- bookings -----------------------------------------------------------------


def bookable_list(*, kind: str = "") -> list:
    """Every bookable room and machine (of one `kind` if given), one query."""
    from .booking_models import Bookable

    bookables = Bookable.objects.active().select_related(
        "room__building", "training_course"
    )
    if kind:
        bookables = bookables.filter(kind=kind)
    return list(bookables)


def bookable_day_slots(*, bookable, day) -> list[dict]:
    """The bookable's hourly slots on `day`, each free or taken (one query)."""
    import datetime as dt

    from lms.timetable.models import BlackoutDate, SessionOccurrence

    zone = local_zone()
    opens, closes = bookable.room.opening_hours()
    start = dt.datetime.combine(day, opens, tzinfo=zone)
    end = dt.datetime.combine(day, closes, tzinfo=zone)
    closed = (
        BlackoutDate.objects.filter(date=day)
        .filter(models_q_building(bookable.room.building_id))
        .exists()
    )
    taken = list(
        SessionOccurrence.objects.filter(
            room_id=bookable.room_id,
            is_active=True,
            starts_at__lt=end,
            ends_at__gt=start,
        ).values_list("starts_at", "ends_at")
    )
    now = timezone.now()
    slots = []
    moment = start
    while moment + dt.timedelta(hours=1) <= end:
        following = moment + dt.timedelta(hours=1)
        busy = closed or any(a < following and b > moment for a, b in taken)
        slots.append(
            {"start": moment, "end": following, "free": not busy and moment > now}
        )
        moment = following
    return slots


def models_q_building(building_id):
    from django.db.models import Q

    return Q(building__isnull=True) | Q(building_id=building_id)


def booking_list_for(*, user) -> list:
    from .booking_models import Booking

    return list(
        Booking.objects.filter(booker=user)
        .select_related("bookable__room__building")
        .order_by("-starts_at")[:100]
    )


def booking_list_pending() -> list:
    from .booking_models import Booking, BookingStatus

    return list(
        Booking.objects.filter(status=BookingStatus.PENDING)
        .select_related("bookable__room__building", "booker", "organization")
        .order_by("starts_at")
    )


# -- events -------------------------------------------------------------------

EVENTS_WINDOW_DAYS = 90


def events_window():
    import datetime as dt

    now = timezone.now().astimezone(local_zone())
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + dt.timedelta(days=EVENTS_WINDOW_DAYS)


def event_pages(*, language: str | None = None):
    """Live, public event pages of a language, with what expanding them reads."""
    from django.utils.translation import get_language

    from .event_models import EventPage

    return (
        EventPage.objects.live()
        .public()
        .filter(locale__language_code=language or get_language() or "ko")
        .select_related("venue_space", "venue_room__building")
        .prefetch_related("exceptions")
        .order_by("starts_at", "pk")
    )


def event_occurrences_between(*, start, end, pages=None) -> list:
    """Every occurrence between `start` and `end` of the current language's
    events, cancelled and moved ones included (two queries)."""
    from .events import event_occurrences

    pages = list(event_pages()) if pages is None else pages
    found = [
        occurrence
        for page in pages
        for occurrence in event_occurrences(page, page.exceptions.all())
        if occurrence.ends_at > start and occurrence.starts_at < end
    ]
    return sorted(found, key=lambda o: (o.starts_at, o.page.pk))


_STATUS_URL = "https://schema.org/"


def event_jsonld(*, page, occurrences, request=None) -> dict:
    """schema.org Event: status, attendance mode, location, its coming dates."""
    from .event_models import AttendanceMode, EventStatus

    modes = {
        AttendanceMode.OFFLINE: "OfflineEventAttendanceMode",
        AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
        AttendanceMode.MIXED: "MixedEventAttendanceMode",
    }

    def status_of(cancelled: bool, moved: bool) -> str:
        if cancelled:
            return _STATUS_URL + "EventCancelled"
        if page.status == EventStatus.POSTPONED:
            return _STATUS_URL + "EventPostponed"
        if moved:
            return _STATUS_URL + "EventRescheduled"
        return _STATUS_URL + "EventScheduled"

    locations = []
    if page.attendance_mode != AttendanceMode.ONLINE:
        place = {"@type": "Place", "name": page.venue_name() or page.title}
        space = page.venue_space
        if space is not None and space.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": space.address,
                "addressCountry": "KR",
            }
        locations.append(place)
    if page.attendance_mode != AttendanceMode.OFFLINE and page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    now = timezone.now()
    coming = [o for o in occurrences if o.ends_at > now] or occurrences[-1:]
    first = coming[0] if coming else None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "startDate": (first.starts_at if first else page.starts_at).isoformat(),
        "endDate": (first.ends_at if first else page.ends_at).isoformat(),
        "eventStatus": status_of(
            page.is_cancelled or bool(first and first.cancelled),
            bool(first and first.moved),
        ),
        "eventAttendanceMode": _STATUS_URL + modes[page.attendance_mode],
        "location": locations[0] if len(locations) == 1 else locations,
    }
    if page.organiser:
        data["organizer"] = {"@type": "Organization", "name": page.organiser}
    if len(occurrences) > 1:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": page.title,
                "startDate": o.starts_at.isoformat(),
                "endDate": o.ends_at.isoformat(),
                "eventStatus": status_of(o.cancelled, o.moved),
            }
            for o in coming[:12]
        ]
    return data


def event_dates_for(*, page, occurrences, user=None) -> list[dict]:
    """The coming dates of an event registered for by date, each with its
    places left and `user`'s registration (two queries whatever the dates)."""
    from .event_models import EventRegistration, EventSeats, RegistrationStatus

    zone = local_zone()
    taken = dict(
        EventSeats.objects.filter(
            event_key=page.translation_key, occurrence_date__isnull=False
        ).values_list("occurrence_date", "taken")
    )
    mine = {}
    if user is not None and user.is_authenticated:
        mine = {
            r.occurrence_date: r
            for r in EventRegistration.objects.filter(
                event_key=page.translation_key,
                occurrence_date__isnull=False,
                user=user,
            ).exclude(status=RegistrationStatus.CANCELLED)
        }
    dates = []
    for occurrence in occurrences:
        day = occurrence.original_start.astimezone(zone).date()
        dates.append(
            {
                "occurrence": occurrence,
                "date": day,
                "places_left": max(page.capacity - taken.get(day, 0), 0),
                "registration": mine.get(day),
            }
        )
    return dates


def event_page_context(*, page, request=None) -> dict:
    from .event_models import EventRegistration, EventSeats, RegistrationStatus
    from .events import event_occurrences

    occurrences = event_occurrences(page)
    registration = None
    user = getattr(request, "user", None)
    if (
        user is not None
        and user.is_authenticated
        and page.capacity
        and not page.register_per_date
    ):
        registration = (
            EventRegistration.objects.filter(
                event_key=page.translation_key, occurrence_date__isnull=True, user=user
            )
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    now = timezone.now()
    coming = [o for o in occurrences if o.ends_at > now][:20]
    if page.register_per_date:
        return {
            "occurrences": coming,
            "dates": event_dates_for(page=page, occurrences=coming, user=user),
            "jsonld": jsonld_dumps(
                event_jsonld(page=page, occurrences=occurrences, request=request)
            ),
        }
    seats = EventSeats.objects.filter(
        event_key=page.translation_key, occurrence_date__isnull=True
    ).first()
    taken = seats.taken if seats else 0
    return {
        "occurrences": coming,
        "registration": registration,
        "places_left": max(page.capacity - taken, 0),
        "jsonld": jsonld_dumps(
            event_jsonld(page=page, occurrences=occurrences, request=request)
        ),
    }


# -- organizations ----------------------------------------------------------------


def organization_list(
    *,
    query: str = "",
    org_type: str = "",
    region: str = "",
    sector: str = "",
    in_town: str = "",
):
    """Published profiles with their organization, filtered and searched."""
    from django.db.models import Q

    from .organization_models import OrganizationProfile

    profiles = OrganizationProfile.objects.filter(is_published=True).select_related(
        "organization", "logo"
    )
    if org_type:
        profiles = profiles.filter(organization__type=org_type)
    if region:
        profiles = profiles.filter(organization__region=region)
    if sector:
        profiles = profiles.filter(sector=sector)
    if in_town == "yes":
        profiles = profiles.exclude(town_space="")
    elif in_town == "no":
        profiles = profiles.filter(town_space="")
    for word in query.split()[:8]:
        profiles = profiles.filter(
            Q(organization__name__icontains=word)
            | Q(organization__name_en__icontains=word)
            | Q(summary__icontains=word)
            | Q(summary_en__icontains=word)
            | Q(products__icontains=word)
            | Q(products_en__icontains=word)
        )
    return profiles.order_by("organization__name")


def organization_facets(profiles) -> dict:
    """Counts by type, region and sector of what the filters leave (3 queries)."""
    from django.db.models import Count

    return {
        "type": dict(
            profiles.order_by()
            .values_list("organization__type")
            .annotate(n=Count("pk"))
        ),
        "region": dict(
            profiles.order_by()
            .values_list("organization__region")
            .annotate(n=Count("pk"))
        ),
        "sector": dict(
            profiles.order_by().values_list("sector").annotate(n=Count("pk"))
        ),
    }
