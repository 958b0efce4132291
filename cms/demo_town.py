"""The town's demo: request forms, bookable rooms and machines, the safety
course, events and organizations. Idempotent: found by slug, code or name.

`seed_town_pages` (forms and events) runs with the site; `seed_town` (rooms,
the course, organizations) needs the people and the catalog.
"""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale, Page

from lms.accounts.models import Organization, OrganizationType, Region
from lms.core.demo_data import page_upsert
from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus
from lms.timetable.models import Building, Room, RoomKind

from .booking_models import Bookable, BookableKind
from .demo import seed_services
from .event_models import AttendanceMode, EventException, EventIndexPage, EventPage
from .hours import local_zone
from .models import HomePage, SpaceKind, TownIndexPage, TownSpacePage
from .organization_models import OrganizationAdmin, OrganizationProfile, Sector
from .request_models import ConsentPurpose, RequestFormField, RequestFormPage

# -- request forms ----------------------------------------------------------------

CONSENTS = {
    "ko": [
        ("신청 접수와 답변", "이름, 이메일, 연락처, 신청 내용", 12, True),
        ("행사·교육 소식 안내", "이메일", 24, False),
    ],
    "en": [
        (
            "Taking and answering the request",
            "Name, e-mail, phone, the request",
            12,
            True,
        ),
        ("News of events and courses", "E-mail", 24, False),
    ],
}

# slug, space, (title ko, en), (intro ko, en), fields: (label ko, label en, type,
# required, choices ko, choices en)
FORMS = [
    (
        "finance-counselling",
        SpaceKind.FINANCE,
        ("금융 상담 신청", "Finance counselling request"),
        (
            "융자·투자·보증 상담을 신청하세요. 담당자가 확인 후 상담 일정을 알려 드립니다.",
            "Ask for counselling on loans, investment or guarantees; we will offer "
            "a time.",
        ),
        [
            ("이름", "Name", "singleline", True, "", ""),
            ("기관명", "Organization", "singleline", True, "", ""),
            (
                "상담 유형",
                "Type of counselling",
                "dropdown",
                True,
                "융자\n투자\n보증\n기타",
                "Loan\nInvestment\nGuarantee\nOther",
            ),
            (
                "필요 금액",
                "Amount needed",
                "dropdown",
                True,
                "1천만 원 미만\n1천만–5천만 원\n5천만–1억 원\n1억 원 이상",
                "Under 10 million won\n10–50 million won\n50–100 million won\n"
                "Over 100 million won",
            ),
            ("자금 용도", "Purpose of the funds", "multiline", True, "", ""),
        ],
    ),
    (
        "prototyping-consultation",
        SpaceKind.FAB_LAB,
        ("시제품 제작 상담 신청", "Prototyping consultation request"),
        (
            "만들고 싶은 제품을 알려 주세요. 팹랩 매니저가 장비와 절차를 안내합니다.",
            "Tell us what you want to make; a fab lab manager will advise on "
            "machines and steps.",
        ),
        [
            ("이름", "Name", "singleline", True, "", ""),
            ("만들고 싶은 것", "What you want to make", "multiline", True, "", ""),
            (
                "희망 장비",
                "Machines",
                "checkboxes",
                False,
                "3D 프린터\n레이저 커터\nCNC",
                "3D printer\nLaser cutter\nCNC",
            ),
        ],
    ),
    (
        "tenancy-application",
        SpaceKind.ORGANIZATION,
        ("조직타운 입주 신청", "Organization town tenancy application"),
        (
            "조직타운 사무실 입주를 신청하세요. 심사 후 결과를 알려 드립니다.",
            "Apply for an office in the organization town; we will tell you the "
            "outcome after review.",
        ),
        [
            ("기관명", "Organization", "singleline", True, "", ""),
            (
                "기관 유형",
                "Type",
                "dropdown",
                True,
                "사회적기업\n협동조합\n마을기업\n자활기업\n기타",
                "Social enterprise\nCooperative\nVillage enterprise\n"
                "Self-reliance enterprise\nOther",
            ),
            ("상근 인원", "Staff", "number", True, "", ""),
            ("입주 희망 시기", "From when", "date", False, "", ""),
        ],
    ),
]


def seed_request_forms(*, towns: dict) -> dict[str, RequestFormPage]:
    """The three request forms in both languages; {slug: Korean page}."""
    pages = {}
    for slug, space, titles, intros, fields in FORMS:
        source = None
        for index, code in enumerate(("ko", "en")):
            locale = Locale.objects.get(language_code=code)
            page = page_upsert(
                towns[code],
                RequestFormPage,
                slug,
                locale,
                source,
                title=titles[index],
                space=space,
                intro=f"<p>{intros[index]}</p>",
                thank_you_text=(
                    "<p>신청이 접수되었습니다. 진행 상황은 아래 링크에서 확인하세요.</p>"
                    if code == "ko"
                    else "<p>We have your request. Follow it with the link below.</p>"
                ),
                form_fields=[
                    RequestFormField(
                        label=field[index],
                        field_type=field[2],
                        required=field[3],
                        choices=field[4 + index],
                        sort_order=order,
                    )
                    for order, field in enumerate(fields)
                ],
                consents=[
                    ConsentPurpose(
                        purpose=purpose,
                        items=items,
                        retention_months=months,
                        required=required,
                        sort_order=order,
                    )
                    for order, (purpose, items, months, required) in enumerate(
                        CONSENTS[code]
                    )
                ],
                show_in_menus=False,
            )
            source = source or page
        pages[slug] = source
    return pages


# -- events -------------------------------------------------------------------------

EVENT_INDEX = {
    "ko": ("행사", "<p>혁신타운의 장터, 공연, 박람회와 세미나입니다.</p>"),
    "en": (
        "What's on",
        "<p>Markets, performances, fairs and seminars in the town.</p>",
    ),
}

# slug, space slug, (title ko, en), (summary ko, en), first day offset from the
# anchor, start, end, rrule, capacity, mode, organiser
EVENTS = [
    (
        "local-food-market",
        "exchange-plaza",
        ("토요 로컬푸드 장터", "Saturday local-food market"),
        (
            "지역 농가와 사회적경제 기업이 여는 매주 토요일 장터입니다.",
            "A market of local farms and social-economy enterprises every Saturday.",
        ),
        0,
        "10:00",
        "14:00",
        "FREQ=WEEKLY;BYDAY=SA;COUNT=26",
        0,
        AttendanceMode.OFFLINE,
        "지역순환 교류시설",
    ),
    (
        "plaza-concert",
        "exchange-plaza",
        ("광장 음악회", "Concert on the plaza"),
        ("마을 합창단과 청년 밴드의 야외 공연.", "The village choir and a youth band."),
        7,
        "18:00",
        "20:00",
        "",
        200,
        AttendanceMode.OFFLINE,
        "혁신타운 문화기획단",
    ),
    (
        "social-economy-fair",
        "organization-town",
        ("사회적경제 박람회", "Social economy fair"),
        (
            "입주기관과 지역 조직의 제품·서비스 박람회.",
            "Products and services of the town's and the region's organizations.",
        ),
        14,
        "10:00",
        "17:00",
        "",
        0,
        AttendanceMode.OFFLINE,
        "조직타운 입주기관협의회",
    ),
    (
        "impact-investing-briefing",
        "finance-center",
        ("임팩트 투자 설명회", "Impact investing briefing"),
        (
            "사회적 금융 상품과 투자 유치 절차를 안내합니다.",
            "Social finance products and how to raise investment.",
        ),
        10,
        "14:00",
        "16:00",
        "",
        30,
        AttendanceMode.MIXED,
        "금융센터",
    ),
    (
        "maker-workshop",
        "fab-lab",
        ("메이커 워크숍", "Maker workshop"),
        (
            "3D 모델링부터 출력까지 함께 만들어 봅니다.",
            "From a 3D model to a print, together.",
        ),
        3,
        "13:00",
        "16:00",
        "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
        12,
        AttendanceMode.OFFLINE,
        "이노베이션 팹랩",
    ),
    (
        "repair-cafe",
        "fab-lab",
        ("수리 카페", "Repair café"),
        (
            "고장 난 물건을 함께 고칩니다. 날짜별로 신청하세요.",
            "Mend broken things together. Register for the date you come.",
        ),
        4,
        "18:00",
        "20:00",
        "FREQ=WEEKLY;BYDAY=WE;COUNT=8",
        8,
        AttendanceMode.OFFLINE,
        "이노베이션 팹랩",
    ),
    (
        "living-lab-seminar",
        "research-center",
        ("리빙랩 연구 세미나", "Living-lab research seminar"),
        (
            "주민과 함께한 리빙랩 과제의 결과를 나눕니다.",
            "Results of living-lab projects run with residents.",
        ),
        5,
        "15:00",
        "17:00",
        "",
        40,
        AttendanceMode.ONLINE,
        "연구센터",
    ),
]


# series registered for one date at a time, each date with its own places
PER_DATE = {"repair-cafe"}


def _anchor() -> dt.date:
    """The first Saturday on or after the first of this month (stable in a month)."""
    first = timezone.now().astimezone(local_zone()).date().replace(day=1)
    return first + dt.timedelta(days=(5 - first.weekday()) % 7)


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=local_zone())


def seed_events(*, homes: dict) -> list[EventPage]:
    indexes = {}
    for code in ("ko", "en"):
        locale = Locale.objects.get(language_code=code)
        title, intro = EVENT_INDEX[code]
        indexes[code] = page_upsert(
            homes[code],
            EventIndexPage,
            "whats-on",
            locale,
            indexes.get("ko"),
            title=title,
            intro=intro,
            show_in_menus=True,
        )
    anchor = _anchor()
    spaces = {
        (page.slug, page.locale.language_code): page
        for page in TownSpacePage.objects.select_related("locale")
    }
    events = []
    for row in EVENTS:
        slug, space, titles, summaries, offset, start, end, rrule, capacity = row[:9]
        mode, organiser = row[9:]
        day = anchor + dt.timedelta(days=offset)
        source = None
        for index, code in enumerate(("ko", "en")):
            locale = Locale.objects.get(language_code=code)
            exceptions = []
            if slug == "local-food-market":
                exceptions = [
                    EventException(
                        original_date=anchor + dt.timedelta(days=14),
                        cancelled=True,
                        note="우천 취소" if code == "ko" else "Rained off",
                    ),
                    EventException(
                        original_date=anchor + dt.timedelta(days=28),
                        cancelled=False,
                        new_starts_at=_at(anchor + dt.timedelta(days=29), "10:00"),
                        new_ends_at=_at(anchor + dt.timedelta(days=29), "14:00"),
                        note="일요일로 변경" if code == "ko" else "Moved to Sunday",
                    ),
                ]
            page = page_upsert(
                indexes[code],
                EventPage,
                slug,
                locale,
                source,
                title=titles[index],
                summary=summaries[index],
                starts_at=_at(day, start),
                ends_at=_at(day, end),
                rrule=rrule,
                capacity=capacity,
                register_per_date=slug in PER_DATE,
                attendance_mode=mode,
                online_url="https://meet.campus.example/living-lab"
                if mode != AttendanceMode.OFFLINE
                else "",
                organiser=organiser,
                venue_space=spaces.get((space, code)),
                exceptions=exceptions,
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

# name, name_en, type, region, sector, in town (space, office), market, summary ko,
# summary en, products ko, products en
ORGANIZATIONS = [
    (
        "함께밥상 협동조합",
        "Shared Table Cooperative",
        OrganizationType.COOPERATIVE,
        Region.JEONBUK,
        Sector.FOOD,
        (SpaceKind.EXCHANGE, "로컬푸드 식당"),
        True,
        "지역 농산물로 차리는 로컬푸드 식당을 운영합니다.",
        "Runs the local-food restaurant with the region's produce.",
        "로컬푸드 도시락\n제철 반찬",
        "Local-food lunch boxes\nSeasonal side dishes",
    ),
    (
        "다시쓰는공방",
        "Second Use Workshop",
        OrganizationType.SOCIAL_ENTERPRISE,
        Region.JEONBUK,
        Sector.MANUFACTURING,
        (SpaceKind.FAB_LAB, "창업 보육실 3"),
        True,
        "버려진 가구를 고쳐 다시 파는 업사이클링 공방입니다.",
        "An upcycling workshop that repairs and sells discarded furniture.",
        "업사이클 의자\n원목 도마",
        "Upcycled chairs\nWooden chopping boards",
    ),
    (
        "햇살돌봄 사회적협동조합",
        "Sunshine Care Social Cooperative",
        OrganizationType.SOCIAL_COOPERATIVE,
        Region.JEONBUK,
        Sector.CARE,
        (SpaceKind.ORGANIZATION, "A동 201호"),
        False,
        "어르신 방문 돌봄과 주간 보호 서비스를 제공합니다.",
        "Home care and day care for older people.",
        "방문 돌봄\n주간 보호",
        "Home care\nDay care",
    ),
    (
        "모악마을 마을기업",
        "Moak Village Enterprise",
        OrganizationType.VILLAGE_ENTERPRISE,
        Region.JEONBUK,
        Sector.FOOD,
        ("", ""),
        True,
        "마을 주민이 함께 만드는 전통 장류를 판매합니다.",
        "Traditional sauces made together by the villagers.",
        "된장\n고추장\n간장",
        "Soybean paste\nChilli paste\nSoy sauce",
    ),
    (
        "새길자활센터 청소사업단",
        "New Road Self-Reliance Cleaning",
        OrganizationType.SELF_RELIANCE_ENTERPRISE,
        Region.JEONBUK,
        Sector.SERVICES,
        ("", ""),
        False,
        "건물 청소와 방역 서비스를 제공하는 자활기업입니다.",
        "A self-reliance enterprise offering cleaning and disinfection.",
        "건물 청소\n방역",
        "Building cleaning\nDisinfection",
    ),
    (
        "지역에너지 협동조합",
        "Local Energy Cooperative",
        OrganizationType.COOPERATIVE,
        Region.JEONBUK,
        Sector.ENVIRONMENT,
        (SpaceKind.ORGANIZATION, "B동 105호"),
        False,
        "시민 햇빛발전소를 짓고 운영합니다.",
        "Builds and runs citizen solar plants.",
        "햇빛발전소 출자\n에너지 교육",
        "Solar plant shares\nEnergy education",
    ),
    (
        "청년문화 사회적기업 놀터",
        "Nolter Youth Culture",
        OrganizationType.SOCIAL_ENTERPRISE,
        Region.JEONBUK,
        Sector.CULTURE,
        (SpaceKind.EXCHANGE, "야외무대 운영"),
        False,
        "청년 예술가의 공연과 문화 기획을 합니다.",
        "Performances and cultural projects of young artists.",
        "공연 기획\n문화 교육",
        "Event production\nArts education",
    ),
    (
        "사회적금융 나눔기금",
        "Sharing Social Finance Fund",
        OrganizationType.NON_PROFIT,
        Region.SEOUL,
        Sector.FINANCE,
        (SpaceKind.FINANCE, "금융센터 2층"),
        False,
        "사회적경제 조직에 소액 융자를 제공합니다.",
        "Micro-loans for social-economy organizations.",
        "소액 융자\n재무 컨설팅",
        "Micro-loans\nFinancial consulting",
    ),
    (
        "배움터 교육협동조합",
        "Baeumteo Education Cooperative",
        OrganizationType.COOPERATIVE,
        Region.GWANGJU,
        Sector.EDUCATION,
        ("", ""),
        False,
        "마을 학교와 방과후 교육을 운영합니다.",
        "Runs village schools and after-school classes.",
        "방과후 교실\n진로 교육",
        "After-school classes\nCareer education",
    ),
    (
        "두레주택 사회적협동조합",
        "Dure Housing Social Cooperative",
        OrganizationType.SOCIAL_COOPERATIVE,
        Region.GYEONGGI,
        Sector.HOUSING,
        ("", ""),
        False,
        "청년과 어르신을 위한 공동체 주택을 짓습니다.",
        "Builds community housing for young and older people.",
        "공동체 주택\n주거 상담",
        "Community housing\nHousing advice",
    ),
    (
        "바른손 수공예 마을기업",
        "Barunson Crafts Village Enterprise",
        OrganizationType.VILLAGE_ENTERPRISE,
        Region.JEONNAM,
        Sector.MANUFACTURING,
        (SpaceKind.EXCHANGE, "전시판매장"),
        True,
        "한지와 대나무로 생활 공예품을 만듭니다.",
        "Everyday crafts of hanji and bamboo.",
        "한지 조명\n대나무 바구니",
        "Hanji lamps\nBamboo baskets",
    ),
    (
        "다온 자활 카페",
        "Daon Self-Reliance Café",
        OrganizationType.SELF_RELIANCE_ENTERPRISE,
        Region.JEONBUK,
        Sector.FOOD,
        (SpaceKind.ORGANIZATION, "북카페"),
        True,
        "조직타운 북카페를 운영하는 자활기업입니다.",
        "The self-reliance enterprise running the book café.",
        "커피\n수제 쿠키",
        "Coffee\nHome-made cookies",
    ),
]


def seed_organizations(*, people) -> list[OrganizationProfile]:
    profiles = []
    for row in ORGANIZATIONS:
        name, name_en, kind, region, sector, (space, office), market = row[:7]
        summary, summary_en, products, products_en = row[7:]
        organization, _ = Organization.objects.get_or_create(
            name=name, region=region, defaults={"name_en": name_en, "type": kind}
        )
        slug = name_en.lower().replace(" ", "-").replace("é", "e")[:80]
        profile, _ = OrganizationProfile.objects.update_or_create(
            organization=organization,
            defaults={
                "slug": slug,
                "sector": sector,
                "summary": summary,
                "summary_en": summary_en,
                "products": products,
                "products_en": products_en,
                "sells_at_market": market,
                "town_space": space,
                "town_office": office,
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
