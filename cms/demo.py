"""The demo site in Korean and English: home, about the town and its six spaces.

Idempotent: pages are found by slug and locale and updated in place.
"""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale, Page, Site

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


# weekly hours per space: (weekdays, [(opens, closes), ...]); 0 = Monday
WEEKDAYS_ONLY = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)

SPACE_DETAILS = {
    "education-center": {
        "weekly": (WEEKDAYS_ONLY, [("09:00", "18:00")]),
        "closed_on_public_holidays": True,
        "phone": "063-000-1100",
        "email": "edu@campus.example",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 10 교육센터",
        "facilities": {
            "ko": [
                ("대강의실", "계단식 강의실, 120석", 120),
                ("세미나실", "토론형 세미나실 3실", 24),
                ("도서관", "사회적경제 전문 자료실", None),
                ("사무실", "교육센터 운영 사무실", None),
                ("숙박동", "합숙 교육 참가자용 2인실 40실", 80),
            ],
            "en": [
                ("Main lecture hall", "Tiered lecture hall, 120 seats", 120),
                ("Seminar rooms", "Three discussion rooms", 24),
                ("Library", "Collection on the social economy", None),
                ("Offices", "The education center's offices", None),
                ("Lodging", "Forty twin rooms for residential courses", 80),
            ],
        },
    },
    "research-center": {
        "weekly": (WEEKDAYS_ONLY, [("09:00", "18:00")]),
        "closed_on_public_holidays": True,
        "phone": "063-000-1200",
        "email": "research@campus.example",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 12 연구동",
        "facilities": {
            "ko": [
                ("연구실", "상주 연구원 연구실", None),
                ("회의실", "연구 회의실 (8인)", 8),
                ("세미나실", "발표와 워크숍용 (30인)", 30),
                ("아카이브", "조사 자료와 보고서 보존서고", None),
            ],
            "en": [
                ("Research rooms", "Rooms of the resident researchers", None),
                ("Meeting room", "Research meeting room (8)", 8),
                ("Seminar room", "For talks and workshops (30)", 30),
                ("Archive", "Survey data and reports", None),
            ],
        },
    },
    "organization-town": {
        "weekly": (EVERY_DAY, [("07:00", "22:00")]),
        "closed_on_public_holidays": False,
        "phone": "063-000-1300",
        "email": "town@campus.example",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 20 조직타운 A·B동",
        "facilities": {
            "ko": [
                ("입주 사무실", "사회적경제 조직 사무실 32실", None),
                ("소회의실", "6인 회의실", 6),
                ("중회의실", "12인 회의실", 12),
                ("대회의실", "30인 회의실", 30),
                ("다목적홀", "행사와 총회용 홀 (150인)", 150),
                ("아카이브", "입주기관 공동 기록관", None),
                ("북카페", "누구나 이용하는 책과 커피", 40),
            ],
            "en": [
                ("Tenant offices", "32 offices of social-economy organizations", None),
                ("Small meeting room", "Seats six", 6),
                ("Medium meeting room", "Seats twelve", 12),
                ("Large meeting room", "Seats thirty", 30),
                ("Hall", "For events and general meetings (150)", 150),
                ("Archive", "The tenants' shared records", None),
                ("Book café", "Books and coffee, open to all", 40),
            ],
        },
    },
    "fab-lab": {
        "weekly": ((1, 2, 3, 4, 5), [("10:00", "19:00")]),
        "closed_on_public_holidays": True,
        "phone": "063-000-1400",
        "email": "fablab@campus.example",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 30 팹랩동",
        "special": [(12, True, None, None, "장비 정기 점검", "Equipment maintenance")],
        "facilities": {
            "ko": [
                ("시제품 공방", "3D 프린터, 레이저 커터, CNC", None),
                ("미니 플랜트", "소량 생산 설비", None),
                ("창업 보육실", "창업 초기 기업 사무실 10실", None),
                ("상담실", "시제품 제작 상담", 4),
                ("장비 보관실", "공구와 재료 보관", None),
            ],
            "en": [
                ("Prototyping workshop", "3D printers, laser cutter, CNC", None),
                ("Mini plant", "Small-batch production", None),
                ("Start-up offices", "Ten offices for early start-ups", None),
                ("Consulting room", "Prototyping consultations", 4),
                ("Equipment store", "Tools and materials", None),
            ],
        },
    },
    "finance-center": {
        "weekly": (WEEKDAYS_ONLY, [("09:00", "12:00"), ("13:00", "17:00")]),
        "closed_on_public_holidays": True,
        "phone": "063-000-1500",
        "email": "finance@campus.example",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 40 금융센터",
        "facilities": {
            "ko": [
                ("사무실", "사회적 금융 기관 사무실", None),
                ("정보실", "금융 상품 안내 자료", None),
                ("상담실", "1:1 상담실 3실", 4),
            ],
            "en": [
                ("Offices", "Offices of social finance institutions", None),
                ("Information room", "Guides to finance products", None),
                ("Counselling rooms", "Three one-to-one rooms", 4),
            ],
        },
    },
    "exchange-plaza": {
        "weekly": (EVERY_DAY, [("10:00", "21:00")]),
        "closed_on_public_holidays": False,
        "phone": "063-000-1600",
        "email": "plaza@campus.example",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 50 교류광장",
        "special": [(20, False, "10:00", "15:00", "단축 운영", "Short hours")],
        "facilities": {
            "ko": [
                ("전시판매장", "사회적경제 제품 전시와 판매", None),
                ("로컬푸드 식당", "지역 농산물로 차리는 식당", 60),
                ("야외무대", "공연과 행사용 무대", 300),
                ("광장", "장터와 축제가 열리는 광장", None),
                ("어린이집", "입주기관 종사자 자녀 돌봄", 40),
                ("옥상정원", "누구나 쉬어 가는 정원", None),
            ],
            "en": [
                (
                    "Exhibition and sales hall",
                    "Social-economy products on show and sale",
                    None,
                ),
                ("Local-food restaurant", "Cooking with the region's produce", 60),
                ("Open-air stage", "For performances and events", 300),
                ("Plaza", "Where the market and festivals are held", None),
                ("Day-care centre", "Care for the tenants' children", 40),
                ("Rooftop garden", "A garden open to all", None),
            ],
        },
    },
}

ACCESSIBILITY = {
    "ko": (
        "모든 출입구에 턱이 없고 엘리베이터가 있습니다. 층마다 장애인 화장실이 있으며, "
        "주차장 입구 쪽에 장애인 주차구역이 있습니다. 안내견 동반 가능합니다."
    ),
    "en": (
        "Every entrance is step-free and there is a lift. Each floor has an "
        "accessible toilet, and accessible parking is by the car-park entrance. "
        "Assistance dogs are welcome."
    ),
}
GETTING_THERE = {
    "ko": "전주역에서 혁신타운행 버스 3번, '혁신타운' 하차 (약 15분). "
    "자가용은 타운 공영주차장(무료)을 이용하세요.",
    "en": "Bus 3 from Jeonju station to 'Innovation Town' (about 15 "
    "minutes). Drivers can use the town's free public car park.",
}

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


def _weekly_rows(weekly) -> list[SpaceWeeklyHours]:
    days, intervals = weekly
    return [
        SpaceWeeklyHours(
            weekday=day,
            opens=dt.time.fromisoformat(opens),
            closes=dt.time.fromisoformat(closes),
        )
        for day in days
        for opens, closes in intervals
    ]


def _special_rows(specials, code: str) -> list[SpaceSpecialDay]:
    """Special days a fixed number of days from the first of this month, so
    that seeding twice in a month gives the same dates."""
    first = timezone.localdate().replace(day=1)
    return [
        SpaceSpecialDay(
            date=first + dt.timedelta(days=32 + offset),
            closed=closed,
            opens=dt.time.fromisoformat(opens) if opens else None,
            closes=dt.time.fromisoformat(closes) if closes else None,
            note=note_ko if code == "ko" else note_en,
        )
        for offset, closed, opens, closes, note_ko, note_en in specials
    ]


def seed_site() -> HomePage:
    ko, en = _locale("ko"), _locale("en")
    root = Page.get_first_root_node()
    # Wagtail's initial "Welcome" page gives way to the Campus home page
    # (the privacy policy also lives under the root, outside the site's tree)
    for page in root.get_children().exclude(
        content_type__model__in=["homepage", "privacypolicyindexpage"]
    ):
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
        details = SPACE_DETAILS[space["slug"]]
        for code, locale in (("ko", ko), ("en", en)):
            title, summary, location, hours = space[code]
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
                opening_hours="",
                facilities=[
                    (
                        "facility",
                        {"name": name, "description": text, "capacity": capacity},
                    )
                    for name, text, capacity in details["facilities"][code]
                ],
                address=details["address"],
                getting_there=GETTING_THERE[code],
                accessibility=ACCESSIBILITY[code],
                contact=hours,
                phone=details["phone"],
                email=details["email"],
                closed_on_public_holidays=details["closed_on_public_holidays"],
                weekly_hours=_weekly_rows(details["weekly"]),
                special_days=_special_rows(details.get("special", ()), code),
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
        start=len(SERVICES),
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


# (space, kind, audience, (name ko, name en), (summary ko, summary en),
#  (how ko, how en), (hours ko, hours en), target: {"view"|"url"|"form": ...})
SERVICES = [
    (
        SpaceKind.EDUCATION,
        ServiceKind.EVENTS,
        ServiceAudience.EVERYONE,
        ("교육센터 행사", "Education center events"),
        ("세미나와 특강 일정", "Seminars and guest lectures"),
        ("행사 달력에서 신청하세요.", "Register from the events calendar."),
        ("평일", "Weekdays"),
        {"view": "events"},
    ),
    (
        SpaceKind.EDUCATION,
        ServiceKind.APPLICATION,
        ServiceAudience.MEMBERS,
        ("합숙 교육 숙박", "Lodging for residential courses"),
        ("합숙 과정 참가자의 숙박 신청과 확인", "Stays of residential course learners"),
        (
            "합숙 과정에 등록하면 숙박을 신청할 수 있습니다.",
            "Enrol in a residential course, then request a stay.",
        ),
        ("상시", "Any time"),
        {"view": "lodging"},
    ),
    (
        SpaceKind.EDUCATION,
        ServiceKind.EXTERNAL,
        ServiceAudience.EVERYONE,
        ("학습 자료실", "Learning library"),
        ("누구나 볼 수 있는 학습 자료", "Open learning resources"),
        ("로그인 없이 찾아보세요.", "Browse without signing in."),
        ("상시", "Any time"),
        {"view": "library"},
    ),
    (
        SpaceKind.RESEARCH,
        ServiceKind.ROOM_BOOKING,
        ServiceAudience.MEMBERS,
        ("연구센터 세미나실 예약", "Research center seminar room"),
        (
            "발표와 워크숍을 위한 30인 세미나실",
            "A 30-seat room for talks and workshops",
        ),
        (
            "로그인 후 빈 시간을 골라 예약하세요. 승인이 필요합니다.",
            "Sign in, choose a free slot and book; staff approve.",
        ),
        ("평일 09:00–18:00", "Weekdays 09:00–18:00"),
        {"view": "bookings"},
    ),
    (
        SpaceKind.RESEARCH,
        ServiceKind.EVENTS,
        ServiceAudience.EVERYONE,
        ("연구 세미나", "Research seminars"),
        ("연구 성과 발표회와 리빙랩 워크숍", "Research talks and living-lab workshops"),
        ("행사 달력에서 신청하세요.", "Register from the events calendar."),
        ("월 1회", "Monthly"),
        {"view": "events"},
    ),
    (
        SpaceKind.RESEARCH,
        ServiceKind.EXTERNAL,
        ServiceAudience.EVERYONE,
        ("사회적경제 통계", "Social economy statistics"),
        ("한국사회적기업진흥원의 통계 포털", "The statistics portal of KoSEA"),
        ("외부 사이트로 연결됩니다.", "Opens an outside site."),
        ("상시", "Any time"),
        {"url": "https://www.socialenterprise.or.kr/"},
    ),
    (
        SpaceKind.ORGANIZATION,
        ServiceKind.ROOM_BOOKING,
        ServiceAudience.ORGANIZATIONS,
        ("회의실 예약", "Meeting room booking"),
        ("6인·12인 회의실", "Meeting rooms for six and for twelve"),
        (
            "로그인 후 빈 시간을 골라 예약하세요. 기관별 월 이용 한도가 있습니다.",
            "Sign in and pick a free slot. Each organization has a monthly quota.",
        ),
        ("매일 07:00–22:00", "Daily 07:00–22:00"),
        {"view": "bookings"},
    ),
    (
        SpaceKind.ORGANIZATION,
        ServiceKind.APPLICATION,
        ServiceAudience.ORGANIZATIONS,
        ("입주 신청", "Tenancy application"),
        ("조직타운 사무실 입주 신청", "Apply for an office in the organization town"),
        (
            "신청서를 보내면 담당자가 연락드립니다.",
            "Send the form; we will be in touch.",
        ),
        ("상시 접수", "Open all year"),
        {"form": "tenancy-application"},
    ),
    (
        SpaceKind.ORGANIZATION,
        ServiceKind.EXTERNAL,
        ServiceAudience.ORGANIZATIONS,
        ("입주기관 소개", "Resident organizations"),
        (
            "타운에 입주한 조직과 지역 사회적경제 조직",
            "Tenants and the region's social-economy organizations",
        ),
        ("분야와 지역으로 찾아보세요.", "Search by sector and region."),
        ("상시", "Any time"),
        {"view": "organizations"},
    ),
    (
        SpaceKind.FAB_LAB,
        ServiceKind.EQUIPMENT_BOOKING,
        ServiceAudience.MEMBERS,
        ("3D 프린터 예약", "3D printer booking"),
        (
            "안전 교육을 마친 분만 예약할 수 있습니다.",
            "Bookable after the safety course.",
        ),
        (
            "캠퍼스의 '팹랩 장비 안전 교육'을 먼저 수료하세요.",
            "Complete the 'Fab lab equipment safety' course on Campus first.",
        ),
        ("화–토 10:00–19:00", "Tue–Sat 10:00–19:00"),
        {"view": "bookings"},
    ),
    (
        SpaceKind.FAB_LAB,
        ServiceKind.CONSULTATION,
        ServiceAudience.FOUNDERS,
        ("시제품 제작 상담", "Prototyping consultation"),
        (
            "아이디어를 시제품으로 만드는 방법 상담",
            "How to turn an idea into a prototype",
        ),
        ("상담 신청서를 보내 주세요.", "Send the consultation form."),
        ("화–토", "Tue–Sat"),
        {"form": "prototyping-consultation"},
    ),
    (
        SpaceKind.FAB_LAB,
        ServiceKind.EVENTS,
        ServiceAudience.EVERYONE,
        ("메이커 워크숍", "Maker workshops"),
        ("누구나 참여하는 만들기 워크숍", "Making workshops open to all"),
        ("행사 달력에서 신청하세요.", "Register from the events calendar."),
        ("매월 둘째 토요일", "Second Saturday of the month"),
        {"view": "events"},
    ),
    (
        SpaceKind.FINANCE,
        ServiceKind.COUNSELLING,
        ServiceAudience.ORGANIZATIONS,
        ("금융 상담 신청", "Finance counselling"),
        ("융자·투자·보증 상담", "Loans, investment and guarantees"),
        (
            "신청서를 보내면 상담 일정을 알려 드립니다.",
            "Send the form and we will offer a time.",
        ),
        ("평일 09:00–17:00", "Weekdays 09:00–17:00"),
        {"form": "finance-counselling"},
    ),
    (
        SpaceKind.FINANCE,
        ServiceKind.EXTERNAL,
        ServiceAudience.ORGANIZATIONS,
        ("사회가치연대기금", "Social Value Solidarity Foundation"),
        ("사회적 금융 도매 기금", "The social finance wholesale fund"),
        ("외부 사이트로 연결됩니다.", "Opens an outside site."),
        ("상시", "Any time"),
        {"url": "https://www.svsf.or.kr/"},
    ),
    (
        SpaceKind.FINANCE,
        ServiceKind.EVENTS,
        ServiceAudience.ORGANIZATIONS,
        ("투자 설명회", "Investor briefings"),
        ("사회적 금융 상품 설명회", "Briefings on social finance products"),
        ("행사 달력에서 신청하세요.", "Register from the events calendar."),
        ("분기별", "Quarterly"),
        {"view": "events"},
    ),
    (
        SpaceKind.EXCHANGE,
        ServiceKind.EVENTS,
        ServiceAudience.EVERYONE,
        ("로컬푸드 장터", "Local-food market"),
        ("매주 토요일 광장 장터", "Every Saturday on the plaza"),
        ("행사 달력에서 일정을 확인하세요.", "See the dates in the events calendar."),
        ("토 10:00–14:00", "Sat 10:00–14:00"),
        {"view": "events"},
    ),
    (
        SpaceKind.EXCHANGE,
        ServiceKind.ROOM_BOOKING,
        ServiceAudience.ORGANIZATIONS,
        ("야외무대 대관", "Open-air stage hire"),
        ("공연과 행사를 위한 야외무대", "The stage for performances and events"),
        (
            "로그인 후 예약하세요. 승인이 필요합니다.",
            "Sign in and book; staff approve.",
        ),
        ("매일 10:00–21:00", "Daily 10:00–21:00"),
        {"view": "bookings"},
    ),
    (
        SpaceKind.EXCHANGE,
        ServiceKind.EXTERNAL,
        ServiceAudience.EVERYONE,
        ("입점 기업 제품", "Products on sale"),
        ("전시판매장의 사회적경제 제품", "Social-economy products in the hall"),
        (
            "조직 소개에서 제품을 찾아보세요.",
            "Find products in the organization directory.",
        ),
        ("매일", "Daily"),
        {"view": "organizations"},
    ),
]


def seed_services(*, forms: dict[str, Page] | None = None) -> list[LinkedService]:
    """Three or more linked services per space; form targets once the forms exist."""
    forms = forms or {}
    services = []
    for order, row in enumerate(SERVICES):
        space, kind, audience, names, summaries, hows, hours, target = row
        page = forms.get(target.get("form", ""))
        service, _created = LinkedService.objects.update_or_create(
            space=space,
            name=names[0],
            defaults={
                "kind": kind,
                "audience": audience,
                "name_en": names[1],
                "summary": summaries[0],
                "summary_en": summaries[1],
                "how_to_use": hows[0],
                "how_to_use_en": hows[1],
                "hours": hours[0],
                "hours_en": hours[1],
                "target_view": target.get("view", ""),
                "target_url": target.get("url", ""),
                "target_page": page,
                "sort_order": order,
                "is_active": True,
            },
        )
        services.append(service)
    return services
