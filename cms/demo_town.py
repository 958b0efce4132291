"""The town's demo: request forms, bookable rooms and machines, the safety
course, events and organizations. Idempotent: found by slug, code or name.

The forms, events and organizations are data: `demo/town/forms.yaml`,
`events.yaml` and `organizations.yaml`, Korean and English side by side.

`seed_town_pages` (forms and events) runs with the site; `seed_town` (rooms,
the course, organizations) needs the people and the catalog.
"""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale, Page

from lms.accounts.models import Organization, OrganizationType, Region
from lms.core.demo_data import Node, demo_load, markdown_html, page_upsert
from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus
from lms.timetable.models import Building, Room, RoomKind

from .booking_models import Bookable, BookableKind
from .demo import seed_services
from .event_models import AttendanceMode, EventException, EventIndexPage, EventPage
from .hours import local_zone
from .models import HomePage, SpaceKind, TownIndexPage, TownSpacePage
from .organization_models import OrganizationAdmin, OrganizationProfile, Sector
from .request_models import ConsentPurpose, RequestFormField, RequestFormPage

LANGUAGES = ("ko", "en")

# -- request forms ----------------------------------------------------------------


def seed_request_forms(*, towns: dict) -> dict[str, RequestFormPage]:
    """The three request forms in both languages (`demo/town/forms.yaml`);
    {slug: Korean page}."""
    data = demo_load("town/forms.yaml")
    thank_you = data.bilingual_text("thank_you")
    consents = data.nodes("consents")
    pages = {}
    for form in data.nodes("forms"):
        slug, source = form.text("slug"), None
        for code in LANGUAGES:
            page = page_upsert(
                towns[code],
                RequestFormPage,
                slug,
                Locale.objects.get(language_code=code),
                source,
                title=form.bilingual_text("title")[code],
                space=form.choice("space", SpaceKind),
                intro=markdown_html(form.bilingual_text("intro")[code]),
                thank_you_text=markdown_html(thank_you[code]),
                form_fields=[
                    RequestFormField(
                        label=field.bilingual_text("label")[code],
                        field_type=field.text("type"),
                        required=field.flag("required"),
                        choices="\n".join(
                            field.node("choices").texts(code)
                            if field.has("choices")
                            else []
                        ),
                        sort_order=order,
                    )
                    for order, field in enumerate(form.nodes("fields"))
                ],
                consents=[
                    ConsentPurpose(
                        purpose=consent.bilingual_text("purpose")[code],
                        items=consent.bilingual_text("items")[code],
                        retention_months=consent.whole("retention_months"),
                        required=consent.flag("required"),
                        sort_order=order,
                    )
                    for order, consent in enumerate(consents)
                ],
                show_in_menus=False,
            )
            source = source or page
        pages[slug] = source
    return pages


# -- events -------------------------------------------------------------------------


def _anchor() -> dt.date:
    """The first Saturday on or after the first of this month (stable in a month)."""
    first = timezone.now().astimezone(local_zone()).date().replace(day=1)
    return first + dt.timedelta(days=(5 - first.weekday()) % 7)


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=local_zone())


def _exceptions(event: Node, code: str, anchor: dt.date) -> list[EventException]:
    exceptions = []
    for exception in event.nodes("exceptions") if event.has("exceptions") else []:
        moved = exception.node("moved_to") if exception.has("moved_to") else None
        new_day = moved and anchor + dt.timedelta(days=moved.whole("day"))
        exceptions.append(
            EventException(
                original_date=anchor + dt.timedelta(days=exception.whole("day")),
                cancelled=exception.flag("cancelled"),
                new_starts_at=moved and _at(new_day, moved.text("starts")),
                new_ends_at=moved and _at(new_day, moved.text("ends")),
                note=exception.bilingual_text("note")[code],
            )
        )
    return exceptions


def seed_events(*, homes: dict) -> list[EventPage]:
    """The town's events (`demo/town/events.yaml`), dated from this month."""
    data = demo_load("town/events.yaml")
    index = data.node("index")
    indexes = {}
    for code in LANGUAGES:
        indexes[code] = page_upsert(
            homes[code],
            EventIndexPage,
            index.text("slug"),
            Locale.objects.get(language_code=code),
            indexes.get("ko"),
            title=index.bilingual_text("title")[code],
            intro=markdown_html(index.bilingual_text("intro")[code]),
            show_in_menus=True,
        )
    anchor = _anchor()
    spaces = {
        (page.slug, page.locale.language_code): page
        for page in TownSpacePage.objects.select_related("locale")
    }
    events = []
    for event in data.nodes("events"):
        day = anchor + dt.timedelta(days=event.whole("day"))
        source = None
        for code in LANGUAGES:
            page = page_upsert(
                indexes[code],
                EventPage,
                event.text("slug"),
                Locale.objects.get(language_code=code),
                source,
                title=event.bilingual_text("title")[code],
                summary=event.bilingual_text("summary")[code],
                starts_at=_at(day, event.text("starts")),
                ends_at=_at(day, event.text("ends")),
                rrule=event.text("rrule"),
                capacity=event.whole("capacity"),
                register_per_date=event.has("register_per_date")
                and event.flag("register_per_date"),
                attendance_mode=event.choice("mode", AttendanceMode),
                online_url=event.optional_text("online_url"),
                organiser=event.text("organiser"),
                venue_space=spaces.get((event.text("space"), code)),
                exceptions=_exceptions(event, code, anchor),
            )
            source = source or page
        events.append(source)
    return events


def seed_town_pages(*, homes: dict[str, HomePage]) -> None:
    """Forms (with the services that lead to them) and events."""
    towns = {
        code: TownIndexPage.objects.child_of(home).get() for code, home in homes.items()
    }
    forms = seed_request_forms(towns=towns)
    seed_services(forms=forms)
    seed_events(homes=homes)


# -- rooms and equipment --------------------------------------------------------------

TOWN_BUILDINGS = [
    ("orgtown", "조직타운 A동", "Organization town, building A", "07:00", "22:00", 10),
    ("research", "연구동", "Research building", "09:00", "18:00", 11),
    ("fablab", "팹랩동", "Fab lab building", "10:00", "19:00", 12),
    ("plaza", "교류광장", "Exchange plaza", "10:00", "21:00", 13),
]
# building, code, ko, en, kind, seats, (space, bookable kind, approval, max hours,
# quota, needs training, description ko, en)
TOWN_ROOMS = [
    (
        "orgtown",
        "meet-s",
        "소회의실",
        "Small meeting room",
        RoomKind.SEMINAR_ROOM,
        6,
        (
            SpaceKind.ORGANIZATION,
            BookableKind.MEETING_ROOM,
            False,
            3,
            10,
            False,
            "6인 회의실, 모니터",
            "Six seats and a screen",
        ),
    ),
    (
        "orgtown",
        "meet-m",
        "중회의실",
        "Medium meeting room",
        RoomKind.SEMINAR_ROOM,
        12,
        (
            SpaceKind.ORGANIZATION,
            BookableKind.MEETING_ROOM,
            False,
            4,
            16,
            False,
            "12인 회의실, 화상회의 장비",
            "Twelve seats and video conferencing",
        ),
    ),
    (
        "research",
        "seminar",
        "연구센터 세미나실",
        "Research seminar room",
        RoomKind.SEMINAR_ROOM,
        30,
        (
            SpaceKind.RESEARCH,
            BookableKind.SEMINAR_ROOM,
            True,
            4,
            12,
            False,
            "발표와 워크숍용 30인 세미나실",
            "Thirty seats for talks and workshops",
        ),
    ),
    (
        "fablab",
        "printer-3d",
        "3D 프린터",
        "3D printer",
        RoomKind.LAB,
        1,
        (
            SpaceKind.FAB_LAB,
            BookableKind.EQUIPMENT,
            False,
            3,
            12,
            True,
            "FDM 3D 프린터 (출력 범위 30cm). 안전 교육 수료자만 예약할 수 있습니다.",
            "FDM 3D printer (30 cm build volume). Only for people who completed the "
            "safety course.",
        ),
    ),
    (
        "fablab",
        "laser-cutter",
        "레이저 커터",
        "Laser cutter",
        RoomKind.LAB,
        1,
        (
            SpaceKind.FAB_LAB,
            BookableKind.EQUIPMENT,
            False,
            2,
            8,
            True,
            "CO2 레이저 커터 (가공 범위 60×40cm). 안전 교육 수료자만 예약할 수 "
            "있습니다.",
            "CO2 laser cutter (60×40 cm bed). Only for people who completed the "
            "safety course.",
        ),
    ),
    (
        "plaza",
        "stage",
        "야외무대",
        "Open-air stage",
        RoomKind.LAB,
        300,
        (
            SpaceKind.EXCHANGE,
            BookableKind.STAGE,
            True,
            6,
            12,
            False,
            "공연과 행사용 야외무대, 음향 장비 포함",
            "The open-air stage with sound system",
        ),
    ),
]

SAFETY_COURSE = {
    "ko": (
        "팹랩 장비 안전 교육",
        "3D 프린터와 레이저 커터를 안전하게 쓰는 법을 배우는 짧은 과정입니다.",
    ),
    "en": (
        "Fab lab equipment safety",
        "A short course on using the 3D printer and the laser cutter safely.",
    ),
}


def seed_safety_course(*, people) -> "Page | None":
    from courses.models import CourseIndexPage, CoursePage

    source = None
    for _index, code in enumerate(("ko", "en")):
        locale = Locale.objects.get(language_code=code)
        catalog = CourseIndexPage.objects.filter(locale=locale).first()
        if catalog is None:
            return None
        title, summary = SAFETY_COURSE[code]
        page = page_upsert(
            catalog,
            CoursePage,
            "fab-lab-equipment-safety",
            locale,
            source,
            title=title,
            summary=summary,
            learning_mode="informal",
            delivery="on_site",
        )
        source = source or page
    run = CourseRun.objects.filter(course=source, title_ko="상시").first() or CourseRun(
        course=source, title="상시"
    )
    run.is_published = True
    run.save()
    learner = people.get("learner@campus.example")
    if learner is not None:
        Enrollment.objects.update_or_create(
            learner=learner,
            run=run,
            defaults={
                "status": EnrollmentStatus.COMPLETED,
                "completed_at": timezone.now(),
            },
        )
        CourseRun.objects.filter(pk=run.pk).update(
            seats_taken=Enrollment.objects.filter(
                run=run,
                status__in=[EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED],
            ).count()
        )
    return source


def seed_bookables(*, course) -> list[Bookable]:
    buildings = {}
    for code, name, name_en, opens, closes, order in TOWN_BUILDINGS:
        buildings[code], _ = Building.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "opens_at": dt.time.fromisoformat(opens),
                "closes_at": dt.time.fromisoformat(closes),
                "sort_order": order,
            },
        )
    bookables = []
    for order, row in enumerate(TOWN_ROOMS):
        building, code, name, name_en, kind, seats, rules = row
        space, bkind, approval, max_hours, quota, training, text, text_en = rules
        room, _ = Room.objects.update_or_create(
            building=buildings[building],
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "capacity": seats,
                "sort_order": 20 + order,
            },
        )
        bookable, _ = Bookable.objects.update_or_create(
            room=room,
            defaults={
                "space": space,
                "kind": bkind,
                "needs_approval": approval,
                "max_hours": max_hours,
                "monthly_quota_hours": quota,
                "training_course": course if training else None,
                "description": text,
                "description_en": text_en,
                "sort_order": order,
            },
        )
        bookables.append(bookable)
    return bookables


# -- organizations ----------------------------------------------------------------------


def seed_organizations(*, people) -> list[OrganizationProfile]:
    """The town's directory (`demo/town/organizations.yaml`)."""
    profiles = []
    for spec in demo_load("town/organizations.yaml").nodes("organizations"):
        name, summary = spec.bilingual_text("name"), spec.bilingual_text("summary")
        products = spec.node("products")
        in_town = spec.node("in_town") if spec.has("in_town") else None
        organization, _ = Organization.objects.get_or_create(
            name=name["ko"],
            region=spec.choice("region", Region),
            defaults={
                "name_en": name["en"],
                "type": spec.choice("type", OrganizationType),
            },
        )
        slug = name["en"].lower().replace(" ", "-").replace("é", "e")[:80]
        profile, _ = OrganizationProfile.objects.update_or_create(
            organization=organization,
            defaults={
                "slug": slug,
                "sector": spec.choice("sector", Sector),
                "summary": summary["ko"],
                "summary_en": summary["en"],
                "products": "\n".join(products.texts("ko")),
                "products_en": "\n".join(products.texts("en")),
                "sells_at_market": spec.flag("sells_at_market"),
                "town_space": in_town.choice("space", SpaceKind) if in_town else "",
                "town_office": in_town.text("office") if in_town else "",
                "contact_email": f"hello@{slug}.example",
            },
        )
        profiles.append(profile)
    admin = people.get("learner2@campus.example")
    if admin is not None:
        OrganizationAdmin.objects.get_or_create(
            organization=profiles[0].organization, user=admin
        )
    return profiles


def seed_town(*, people) -> None:
    course = seed_safety_course(people=people)
    seed_bookables(course=course)
    seed_organizations(people=people)
