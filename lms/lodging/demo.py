"""Demo lodging for `seed_demo`: the education center's lodging building. Idempotent.

The inventory is found by code and number and updated in place. Demo stays
carry a `[demo]` staff note; they are deleted and booked again relative to
today, so that the front desk always has arrivals, guests in house and a
departure today, and the residential course has a learner with a bed.
"""

import datetime as dt

from django.utils import timezone

from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus

from .models import (
    Amenity,
    Bed,
    Building,
    Floor,
    GenderPolicy,
    GuestKind,
    OutOfService,
    Room,
    RoomKind,
    Stay,
)
from .services import stay_book_for_guest, stay_confirm, stay_hold

DEMO = "[demo]"
STAFF = "staff@campus.example"

AMENITIES = [
    ("bathroom", "개별 욕실", "Private bathroom"),
    ("desk", "책상", "Desk"),
    ("wifi", "와이파이", "Wi-Fi"),
    ("kettle", "전기포트", "Kettle"),
    ("wardrobe", "옷장", "Wardrobe"),
    ("grab-bars", "안전 손잡이", "Grab bars"),
]

BUILDING = {
    "code": "lodge",
    "name": "교육센터 숙박동",
    "name_en": "Education Center Lodge",
    "address": "혁신타운 교육센터 B동",
    "phone": "063-000-1234",
    "check_in_instructions": (
        "1층 안내데스크에서 이름을 말씀하시면 객실 카드키를 드립니다.\n"
        "안내데스크는 15:00부터 22:00까지 운영하며, 늦게 도착하시면 미리 전화해 "
        "주세요.\n조식은 교류시설 식당에서 07:30부터 제공됩니다. 객실 내 금연입니다."
    ),
    "check_in_instructions_en": (
        "Give your name at the front desk on the ground floor to receive your key "
        "card.\nThe desk is open from 15:00 to 22:00; if you arrive later, please "
        "call ahead.\nBreakfast is served in the exchange facility's restaurant "
        "from 07:30. No smoking in the rooms."
    ),
}

# floor -> [(number, kind, policy, accessible, beds, amenities, notes)]
ROOMS = {
    (1, "안내데스크·휴게실", "Front desk and lounge"): [
        (
            "101",
            RoomKind.ACCESSIBLE,
            GenderPolicy.WOMEN,
            True,
            2,
            "bathroom desk wifi grab-bars",
            "엘리베이터 바로 옆",
        ),
        (
            "102",
            RoomKind.ACCESSIBLE,
            GenderPolicy.MEN,
            True,
            2,
            "bathroom desk wifi grab-bars",
            "엘리베이터 바로 옆",
        ),
        (
            "103",
            RoomKind.ACCESSIBLE,
            GenderPolicy.MIXED,
            True,
            2,
            "bathroom desk wifi grab-bars",
            "",
        ),
    ],
    (2, "여성 전용층", "Women's floor"): [
        (
            "201",
            RoomKind.DOUBLE,
            GenderPolicy.WOMEN,
            False,
            2,
            "bathroom desk wifi",
            "",
        ),
        (
            "202",
            RoomKind.DOUBLE,
            GenderPolicy.WOMEN,
            False,
            2,
            "bathroom desk wifi",
            "",
        ),
        (
            "203",
            RoomKind.QUAD,
            GenderPolicy.WOMEN,
            False,
            4,
            "bathroom wifi wardrobe",
            "",
        ),
        (
            "204",
            RoomKind.QUAD,
            GenderPolicy.WOMEN,
            False,
            4,
            "bathroom wifi wardrobe",
            "",
        ),
        (
            "205",
            RoomKind.SINGLE,
            GenderPolicy.WOMEN,
            False,
            1,
            "bathroom desk wifi kettle",
            "",
        ),
    ],
    (3, "남성 전용층", "Men's floor"): [
        ("301", RoomKind.DOUBLE, GenderPolicy.MEN, False, 2, "bathroom desk wifi", ""),
        ("302", RoomKind.DOUBLE, GenderPolicy.MEN, False, 2, "bathroom desk wifi", ""),
        (
            "303",
            RoomKind.QUAD,
            GenderPolicy.MEN,
            False,
            4,
            "bathroom wifi wardrobe",
            "",
        ),
        (
            "304",
            RoomKind.QUAD,
            GenderPolicy.MEN,
            False,
            4,
            "bathroom wifi wardrobe",
            "",
        ),
        (
            "305",
            RoomKind.SINGLE,
            GenderPolicy.MEN,
            False,
            1,
            "bathroom desk wifi kettle",
            "",
        ),
    ],
    (4, "가족·혼성층", "Family and mixed floor"): [
        (
            "401",
            RoomKind.DOUBLE,
            GenderPolicy.MIXED,
            False,
            2,
            "bathroom desk wifi kettle",
            "",
        ),
        (
            "402",
            RoomKind.QUAD,
            GenderPolicy.MIXED,
            False,
            4,
            "bathroom wifi wardrobe",
            "가족 단위 이용 가능",
        ),
        (
            "403",
            RoomKind.SINGLE,
            GenderPolicy.MIXED,
            False,
            1,
            "bathroom desk wifi kettle",
            "강사 우선 배정",
        ),
        (
            "404",
            RoomKind.SINGLE,
            GenderPolicy.MIXED,
            False,
            1,
            "bathroom desk wifi kettle",
            "강사 우선 배정",
        ),
    ],
}

RESIDENTIAL_COURSE = "local-food-market-access-residential"

# (key, name, phone, policy, nights from today: check-in, check-out, checked in?)
GUESTS = [
    (
        "guest-a",
        "정은주 (협력기관 방문)",
        "010-1111-2222",
        GenderPolicy.WOMEN,
        -1,
        2,
        True,
    ),
    ("guest-b", "문태호 (현장 연구)", "010-3333-4444", GenderPolicy.MEN, -2, 0, True),
    ("guest-c", "송하윤 가족", "010-5555-6666", GenderPolicy.MIXED, 0, 3, False),
    ("guest-d", "임재현 (평가위원)", "010-7777-8888", GenderPolicy.MEN, 5, 7, False),
]


def seed_inventory() -> Building:
    amenities = {}
    for code, name, name_en in AMENITIES:
        amenities[code], _ = Amenity.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
    building, _ = Building.objects.update_or_create(
        code=BUILDING["code"], defaults=BUILDING
    )
    for (number, label, _label_en), rooms in ROOMS.items():
        floor, _ = Floor.objects.update_or_create(
            building=building, number=number, defaults={"name": label}
        )
        for room_number, kind, policy, accessible, beds, codes, notes in rooms:
            room, _ = Room.objects.update_or_create(
                floor=floor,
                number=room_number,
                defaults={
                    "kind": kind,
                    "gender_policy": policy,
                    "is_accessible": accessible,
                    "notes": notes,
                },
            )
            room.amenities.set([amenities[code] for code in codes.split()])
            room.save()
            for index in range(beds):
                Bed.objects.get_or_create(room=room, label=chr(ord("A") + index))
    return building


def seed_lodging(*, people) -> None:
    """The lodging building, a room out of service, and stays around today."""
    today = timezone.localdate()
    staff = people[STAFF]
    building = seed_inventory()
    Stay.objects.filter(staff_note__startswith=DEMO).delete()
    OutOfService.objects.filter(reason__startswith=DEMO).delete()
    OutOfService.objects.create(
        room=Room.objects.get(floor__building=building, number="305"),
        starts_on=today + dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=10),
        reason=f"{DEMO} 욕실 배관 수리",
        created_by=staff,
    )
    for key, name, phone, policy, first, last, checked_in in GUESTS:
        stay = stay_book_for_guest(
            actor=staff,
            kind=GuestKind.GUEST,
            guest_name=name,
            guest_phone=phone,
            room_policy=policy,
            check_in=today + dt.timedelta(days=first),
            check_out=today + dt.timedelta(days=last) if last > first else today,
            staff_note=f"{DEMO} {key}",
        )
        if checked_in:  # they arrived on an earlier day, before the desk's records
            Stay.objects.filter(pk=stay.pk).update(
                status="checked_in", checked_in_at=timezone.now()
            )
    # the residential course: its instructor and a learner have beds
    run = (
        CourseRun.objects.filter(
            course__slug=RESIDENTIAL_COURSE,
            course__locale__language_code="ko",
            is_residential=True,
        )
        .order_by("starts_on")
        .first()
    )
    if run is None or run.starts_on is None:
        return
    stay_book_for_guest(
        actor=staff,
        kind=GuestKind.INSTRUCTOR,
        guest=people["instructor@campus.example"],
        room_policy=GenderPolicy.MIXED,
        check_in=run.starts_on,
        check_out=run.ends_on,
        run=run,
        staff_note=f"{DEMO} instructor",
    )
    enrollment = Enrollment.objects.filter(
        run=run,
        learner=people["learner3@campus.example"],
        status=EnrollmentStatus.ACTIVE,
    ).first()
    if enrollment is not None:
        Stay.objects.filter(enrollment=enrollment).delete()
        stay = stay_hold(
            enrollment=enrollment,
            room_policy=GenderPolicy.MEN,
            keep_with_organization=True,
        )
        stay = stay_confirm(stay=stay)
        Stay.objects.filter(pk=stay.pk).update(
            staff_note=f"{DEMO} learner", notified_status=stay.status
        )
    # demo stays need no e-mail: mark them as told
    for stay in Stay.objects.filter(staff_note__startswith=DEMO):
        Stay.objects.filter(pk=stay.pk).update(notified_status=stay.status)
