"""The demo site in Korean and English: home, about the town and its six spaces.

The content is data: `demo/town/site.yaml` and `services.yaml`, Korean and
English side by side.

Idempotent: pages are found by slug and locale and updated in place.
"""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from lms.core.demo_data import (
    Node,
    demo_load,
    markdown_blocks,
    markdown_html,
    page_upsert,
)

from .models import (
    HomePage,
    LinkedService,
    ServiceAudience,
    ServiceKind,
    SpaceKind,
    SpaceSpecialDay,
    SpaceWeeklyHours,
    StandardPage,
    TownIndexPage,
    TownSpacePage,
)

LANGUAGES = ("ko", "en")


def _space_texts(space: Node) -> dict:
    """A space's slug, kind and, per language, (title, summary, location, hours)."""
    texts = {
        name: space.bilingual_text(name)
        for name in ("title", "summary", "location", "hours")
    }
    return {
        "slug": space.text("slug"),
        "kind": space.choice("kind", SpaceKind),
        **{code: tuple(texts[name][code] for name in texts) for code in LANGUAGES},
    }


# read when the module is imported: tests compare the pages with them
_SITE = demo_load("town/site.yaml")
HOME = {
    code: {
        name: _SITE.node("home").bilingual_text(name)[code]
        for name in ("title", "hero_title", "hero_lead")
    }
    for code in LANGUAGES
}
SPACES = [_space_texts(space) for space in _SITE.nodes("spaces")]


def _locale(code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def _weekly_rows(weekly: Node) -> list[SpaceWeeklyHours]:
    intervals = weekly.raw("hours")
    if not all(isinstance(i, list) and len(i) == 2 for i in intervals):
        raise weekly.error("hours", "expected a list of ['09:00', '18:00'] pairs")
    return [
        SpaceWeeklyHours(
            weekday=day,
            opens=dt.time.fromisoformat(opens),
            closes=dt.time.fromisoformat(closes),
        )
        for day in weekly.raw("days")
        for opens, closes in intervals
    ]


def _special_rows(space: Node, code: str) -> list[SpaceSpecialDay]:
    """Special days a fixed number of days from the first of this month, so
    that seeding twice in a month gives the same dates."""
    first = timezone.localdate().replace(day=1)
    specials = space.nodes("special") if space.has("special") else []
    return [
        SpaceSpecialDay(
            date=first + dt.timedelta(days=32 + special.whole("in_days")),
            closed=special.flag("closed"),
            opens=_time(special.raw("opens")),
            closes=_time(special.raw("closes")),
            note=special.bilingual_text("note")[code],
        )
        for special in specials
    ]


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def seed_site() -> HomePage:
    """The home pages, the town and its spaces, and the guide (`demo/town/site.yaml`)."""
    ko, en = _locale("ko"), _locale("en")
    site_data = demo_load("town/site.yaml")
    home = site_data.node("home")
    root = Page.get_first_root_node()
    # Wagtail's initial "Welcome" page gives way to the Campus home page
    # (the privacy policy also lives under the root, outside the site's tree)
    for page in root.get_children().exclude(
        content_type__model__in=["homepage", "privacypolicyindexpage"]
    ):
        page.specific.delete()

    homes = {}
    for code, locale in (("ko", ko), ("en", en)):
        homes[code] = page_upsert(
            root,
            HomePage,
            "home" if code == "ko" else "home-en",
            locale,
            homes.get("ko"),
            show_in_menus=False,
            **{name: home.bilingual_text(name)[code] for name in home.data},
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    site.hostname, site.port, site.site_name = "localhost", 80, "Campus"
    site.root_page = homes["ko"]
    site.save()

    towns = {}
    town = site_data.node("town")
    for code, locale in (("ko", ko), ("en", en)):
        towns[code] = page_upsert(
            homes[code],
            TownIndexPage,
            town.text("slug"),
            locale,
            towns.get("ko"),
            title=town.bilingual_text("title")[code],
            intro=markdown_html(town.bilingual_text("intro")[code]),
            show_in_menus=True,
        )
    getting_there = site_data.bilingual_text("getting_there")
    accessibility = site_data.bilingual_text("accessibility")
    for space in site_data.nodes("spaces"):
        source = None
        texts = _space_texts(space)
        for code, locale in (("ko", ko), ("en", en)):
            title, summary, location, hours = texts[code]
            page = page_upsert(
                towns[code],
                TownSpacePage,
                texts["slug"],
                locale,
                source,
                title=title,
                kind=texts["kind"],
                summary=summary,
                location=location,
                opening_hours="",
                facilities=[
                    (
                        "facility",
                        {
                            "name": facility.bilingual_text("name")[code],
                            "description": facility.bilingual_text("description")[code],
                            "capacity": facility.raw("capacity"),
                        },
                    )
                    for facility in space.nodes("facilities")
                ],
                address=space.text("address"),
                getting_there=getting_there[code],
                accessibility=accessibility[code],
                contact=hours,
                phone=space.text("phone"),
                email=space.text("email"),
                closed_on_public_holidays=space.flag("closed_on_public_holidays"),
                weekly_hours=_weekly_rows(space.node("weekly")),
                special_days=_special_rows(space, code),
            )
            source = source or page
    source = None
    guide = site_data.node("guide")
    for code, locale in (("ko", ko), ("en", en)):
        page = page_upsert(
            homes[code],
            StandardPage,
            guide.text("slug"),
            locale,
            source,
            title=guide.bilingual_text("title")[code],
            intro=guide.bilingual_text("intro")[code],
            body=markdown_blocks(guide.bilingual_text("body")[code]),
            show_in_menus=True,
        )
        source = source or page
    from .demo_town import seed_town_pages

    seed_town_pages(homes=homes)
    return homes["ko"]


def research_services_seed(*, publications: Page, living_labs: Page) -> None:
    """The research center's cards for its publications and living labs, which
    exist once the research portal is seeded (the pages lead by language)."""
    for order, (names, summaries, page) in enumerate(
        [
            (
                ("연구보고서", "Research reports"),
                (
                    "연구센터의 보고서, 정책브리프와 데이터",
                    "The research center's reports, policy briefs and data",
                ),
                publications,
            ),
            (
                ("리빙랩", "Living labs"),
                (
                    "주민과 함께 문제를 풀어 가는 리빙랩 프로젝트",
                    "Living-lab projects with the town's residents",
                ),
                living_labs,
            ),
        ],
        start=len(_service_specs()),  # after the services of services.yaml
    ):
        LinkedService.objects.update_or_create(
            space=SpaceKind.RESEARCH,
            name=names[0],
            defaults={
                "kind": ServiceKind.RESOURCES,
                "audience": ServiceAudience.EVERYONE,
                "name_en": names[1],
                "summary": summaries[0],
                "summary_en": summaries[1],
                "hours": "상시",
                "hours_en": "Any time",
                "target_page": page,
                "sort_order": order,
                "is_active": True,
            },
        )


def _service_specs() -> list[Node]:
    return demo_load("town/services.yaml").nodes("services")


def seed_services(*, forms: dict[str, Page] | None = None) -> list[LinkedService]:
    """Three or more linked services per space (`demo/town/services.yaml`);
    form targets once the forms exist."""
    forms = forms or {}
    services = []
    for order, spec in enumerate(_service_specs()):
        target = spec.node("target")
        if len(target.data) != 1 or not set(target.data) <= {"view", "url", "form"}:
            raise spec.error("target", "expected one of view, url or form")
        name, summary = spec.bilingual_text("name"), spec.bilingual_text("summary")
        how, hours = spec.bilingual_text("how_to_use"), spec.bilingual_text("hours")
        service, _created = LinkedService.objects.update_or_create(
            space=spec.choice("space", SpaceKind),
            name=name["ko"],
            defaults={
                "kind": spec.choice("kind", ServiceKind),
                "audience": spec.choice("audience", ServiceAudience),
                "name_en": name["en"],
                "summary": summary["ko"],
                "summary_en": summary["en"],
                "how_to_use": how["ko"],
                "how_to_use_en": how["en"],
                "hours": hours["ko"],
                "hours_en": hours["en"],
                "target_view": target.optional_text("view"),
                "target_url": target.optional_text("url"),
                "target_page": forms.get(target.optional_text("form")),
                "sort_order": order,
                "is_active": True,
            },
        )
        services.append(service)
    return services
