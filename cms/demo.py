"""The demo site in Korean and English: home, about the town and its six spaces.

Idempotent: pages are found by slug and locale and updated in place.
"""

import json

from wagtail.models import Locale, Page, Site

from .models import HomePage, SpaceKind, StandardPage, TownIndexPage, TownSpacePage

HOME = {
    "ko": {
        "title": "캠퍼스",
        "hero_title": "함께 배우고, 함께 일하는 사회적경제",
        "hero_lead": (
            "사회적경제 네트워크 혁신타운 교육센터의 배움터입니다. 사회적기업·협동조합·"
            "마을기업·자활기업의 구성원과 시민 누구나 창업과 경영, 사회적 금융, 지역순환 "
            "경제를 배우고, 연구센터의 성과를 찾아보고, 타운의 공간을 이용할 수 있습니다."
        ),
    },
    "en": {
        "title": "Campus",
        "hero_title": "Learning and working together in the social economy",
        "hero_lead": (
            "The learning platform of the Social Economy Network Innovation Town "
            "education center. Staff of social enterprises, cooperatives, village "
            "enterprises and self-reliance enterprises, and any citizen, can learn "
            "start-up and management, social finance and the local circular economy, "
            "find the research center's work and use the town's spaces."
        ),
    },
}

TOWN = {
    "ko": {
        "title": "혁신타운 소개",
        "slug": "town",
        "intro": (
            "<p>사회적경제 네트워크 혁신타운은 사회적기업, 협동조합, 마을기업, 자활기업이 "
            "한곳에서 배우고 연구하고 일할 수 있도록 도가 조성한 거점입니다. 타운은 여섯 개의 "
            "공간으로 이루어져 있으며, 이 사이트는 그중 교육센터가 운영합니다.</p>"
        ),
    },
    "en": {
        "title": "About the town",
        "slug": "town",
        "intro": (
            "<p>The Social Economy Network Innovation Town is the hub the province built "
            "so that social enterprises, cooperatives, village enterprises and "
            "self-reliance enterprises can learn, research and work together in one "
            "place. The town has six spaces; the education center runs this site.</p>"
        ),
    },
}

SPACES = [
    {
        "slug": "education-center",
        "kind": SpaceKind.EDUCATION,
        "ko": (
            "교육센터",
            "강의동, 도서관, 사무실과 숙박동을 갖춘 교육센터는 사회적경제 "
            "창업가와 경영 전문가를 양성하고 대학·학교와 연계한 과정을 운영합니다.",
            "교육센터 강의동 1층",
            "평일 09:00–18:00",
        ),
        "en": (
            "Education center",
            "With lecture halls, a library, offices and a "
            "lodging building, the education center trains social entrepreneurs "
            "and business experts and runs programmes with universities and schools.",
            "Education center, lecture building, ground floor",
            "Weekdays 09:00–18:00",
        ),
        "services": {
            "ko": [
                ("교육과정", "형식·비형식·소셜러닝 과정과 수료증"),
                ("강의실 예약", "강의동 강의실과 세미나실"),
                ("숙박", "합숙 교육 참가자를 위한 숙박동"),
            ],
            "en": [
                ("Courses", "Formal, informal and social learning, with certificates"),
                ("Room booking", "Lecture halls and seminar rooms"),
                ("Lodging", "The lodging building for residential training"),
            ],
        },
    },
    {
        "slug": "research-center",
        "kind": SpaceKind.RESEARCH,
        "ko": (
            "연구센터",
            "사회적경제 조사·연구와 출판, 지역 문제를 주민과 함께 푸는 "
            "리빙랩 프로그램을 운영합니다.",
            "혁신타운 연구동 2층",
            "평일 09:00–18:00",
        ),
        "en": (
            "Research center",
            "Research, surveys and publishing on the social "
            "economy, and living-lab programmes that work on local problems with "
            "residents.",
            "Research building, first floor",
            "Weekdays 09:00–18:00",
        ),
        "services": {
            "ko": [
                ("연구보고서", "보고서와 정책브리프"),
                ("리빙랩", "진행 중인 리빙랩 과제"),
            ],
            "en": [
                ("Reports", "Research reports and policy briefs"),
                ("Living labs", "Living-lab projects under way"),
            ],
        },
    },
    {
        "slug": "organization-town",
        "kind": SpaceKind.ORGANIZATION,
        "ko": (
            "조직타운",
            "사회적경제 조직의 사무실과 회의실이 모여 있어 조직 간 협업과 "
            "네트워킹이 일상적으로 이루어집니다.",
            "조직타운 A·B동",
            "상시 (입주기관 기준)",
        ),
        "en": (
            "Organization town",
            "Offices and meeting rooms of social-economy "
            "organizations, where working together across organizations is part "
            "of every day.",
            "Organization town, buildings A and B",
            "Always open to tenants",
        ),
        "services": {
            "ko": [
                ("입주 안내", "사무실 입주 모집과 절차"),
                ("회의실 대관", "입주기관 회의실"),
            ],
            "en": [
                ("Tenancy", "How to rent an office"),
                ("Meeting rooms", "Meeting rooms for tenants"),
            ],
        },
    },
    {
        "slug": "fab-lab",
        "kind": SpaceKind.FAB_LAB,
        "ko": (
            "이노베이션 팹랩",
            "시제품 제작 공방과 소규모 생산시설, 창업 보육 사무실을 "
            "갖추고 아이디어를 제품으로 만드는 과정을 돕습니다.",
            "팹랩동",
            "화–토 10:00–19:00",
        ),
        "en": (
            "Innovation fab lab",
            "A prototyping workshop, a mini plant and "
            "start-up offices that help turn ideas into products.",
            "Fab lab building",
            "Tue–Sat 10:00–19:00",
        ),
        "services": {
            "ko": [
                ("장비 교육", "3D 프린터·레이저 커터 안전 교육"),
                ("창업 보육", "보육 사무실과 멘토링"),
            ],
            "en": [
                (
                    "Equipment training",
                    "Safety training for 3D printers and laser cutters",
                ),
                ("Incubation", "Start-up offices and mentoring"),
            ],
        },
    },
    {
        "slug": "finance-center",
        "kind": SpaceKind.FINANCE,
        "ko": (
            "금융센터",
            "사회적 금융 상품 안내와 융자·투자 상담, 재무 컨설팅을 제공합니다.",
            "금융센터 1층",
            "평일 09:00–17:00 (상담 예약제)",
        ),
        "en": (
            "Finance center",
            "Social finance products, loan and investment "
            "counseling, and financial consulting.",
            "Finance center, ground floor",
            "Weekdays 09:00–17:00, by appointment",
        ),
        "services": {
            "ko": [
                ("금융 상담", "융자·투자 상담 예약"),
                ("재무 컨설팅", "회계·재무 진단"),
            ],
            "en": [
                ("Finance counseling", "Book a loan or investment consultation"),
                ("Financial consulting", "Accounting and financial check-ups"),
            ],
        },
    },
    {
        "slug": "exchange-plaza",
        "kind": SpaceKind.EXCHANGE,
        "ko": (
            "지역순환 교류시설",
            "사회적경제 기업의 제품을 만나는 장터와 식당, 공연장과 "
            "광장이 있는 지역 교류의 장입니다.",
            "교류광장 일대",
            "매일 10:00–21:00",
        ),
        "en": (
            "Exchange facilities",
            "A market for social-economy products, a "
            "restaurant, a stage and a plaza where the region meets.",
            "Around the exchange plaza",
            "Daily 10:00–21:00",
        ),
        "services": {
            "ko": [
                ("장터", "매주 토요일 사회적경제 장터"),
                ("공연장 대관", "공연장과 광장 대관"),
            ],
            "en": [
                ("Market", "Social-economy market every Saturday"),
                ("Stage hire", "Hire the stage and the plaza"),
            ],
        },
    },
]

GUIDE = {
    "ko": (
        "이용 안내",
        "guide",
        "캠퍼스에 가입하고 과정을 신청하는 방법을 안내합니다.",
        "이메일로 가입하고 받은 메일의 링크로 주소를 확인하면 바로 과정을 신청할 수 "
        "있습니다. 소속 기관은 내 정보에서 지정할 수 있으며, 언제든 내 정보 전체를 "
        "내려받거나 계정 삭제를 요청할 수 있습니다.",
    ),
    "en": (
        "How to use Campus",
        "guide",
        "How to join Campus and sign up for courses.",
        "Sign up with your e-mail address and confirm it with the link we send; "
        "then you can enrol in courses. Set your organization on your profile page. "
        "You can download everything we hold about you, or ask for your account to "
        "be deleted, at any time.",
    ),
}


def _locale(code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def _upsert(
    parent: Page, model, slug: str, locale: Locale, source: Page | None, **fields
):
    """Create or update a child page of `parent`, as a translation of `source`."""
    page = model.objects.filter(locale=locale, slug=slug).child_of(parent).first()
    if page is None:
        if source is not None:
            page = source.copy_for_translation(locale, copy_parents=False, alias=False)
            page = model.objects.get(pk=page.pk)
        else:
            page = model(slug=slug, locale=locale, **fields)
            parent.add_child(instance=page)
    page.slug = slug
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def seed_site() -> HomePage:
    ko, en = _locale("ko"), _locale("en")
    root = Page.get_first_root_node()
    # Wagtail's initial "Welcome" page gives way to the Campus home page
    for page in root.get_children().exclude(content_type__model="homepage"):
        page.specific.delete()

    homes = {}
    for code, locale in (("ko", ko), ("en", en)):
        homes[code] = _upsert(
            root,
            HomePage,
            "home" if code == "ko" else "home-en",
            locale,
            homes.get("ko"),
            show_in_menus=False,
            **HOME[code],
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    site.hostname, site.port, site.site_name = "localhost", 80, "Campus"
    site.root_page = homes["ko"]
    site.save()

    towns = {}
    for code, locale in (("ko", ko), ("en", en)):
        towns[code] = _upsert(
            homes[code],
            TownIndexPage,
            TOWN[code]["slug"],
            locale,
            towns.get("ko"),
            title=TOWN[code]["title"],
            intro=TOWN[code]["intro"],
            show_in_menus=True,
        )
    for space in SPACES:
        source = None
        for code, locale in (("ko", ko), ("en", en)):
            title, summary, location, hours = space[code]
            services = [
                (
                    "service",
                    {"title": name, "description": text, "page": None, "url": ""},
                )
                for name, text in space["services"][code]
            ]
            page = _upsert(
                towns[code],
                TownSpacePage,
                space["slug"],
                locale,
                source,
                title=title,
                kind=space["kind"],
                summary=summary,
                location=location,
                opening_hours=hours,
                services=services,
            )
            source = source or page
    source = None
    for code, locale in (("ko", ko), ("en", en)):
        title, slug, intro, text = GUIDE[code]
        page = _upsert(
            homes[code],
            StandardPage,
            slug,
            locale,
            source,
            title=title,
            intro=intro,
            body=[("paragraph", f"<p>{text}</p>")],
            show_in_menus=True,
        )
        source = source or page
    return homes["ko"]


def space_services_link(*, space_slug: str, links: dict[str, Page]) -> None:
    """Point a space's service cards at pages on the site, by the card's title
    (e.g. the research center's 연구보고서 and 리빙랩 at the research portal)."""
    for space in TownSpacePage.objects.filter(slug=space_slug):
        raw = list(space.services.raw_data)
        changed = False
        for block in raw:
            target = links.get(block["value"].get("title"))
            if target is not None and block["value"].get("page") != target.pk:
                block["value"] = {**block["value"], "page": target.pk}
                changed = True
        if changed:
            space.services = json.dumps(raw)
            space.save_revision().publish()
