"""Demo people and organizations for `seed_demo`. Idempotent."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import Organization, OrganizationType, Region, Role, User

DEMO_PASSWORD = "campus-demo-2026"

ORGANIZATIONS = [
    (
        "두레공방 협동조합",
        "Dure Workshop Cooperative",
        OrganizationType.COOPERATIVE,
        Region.JEONBUK,
        "402-81-00001",
    ),
    (
        "행복나눔 사회적기업",
        "Happy Sharing Social Enterprise",
        OrganizationType.SOCIAL_ENTERPRISE,
        Region.JEONBUK,
        "402-81-00002",
    ),
    (
        "느티나무 마을기업",
        "Zelkova Village Enterprise",
        OrganizationType.VILLAGE_ENTERPRISE,
        Region.JEONNAM,
        "",
    ),
    (
        "새날 자활기업",
        "New Day Self-reliance Enterprise",
        OrganizationType.SELF_RELIANCE_ENTERPRISE,
        Region.JEONBUK,
        "",
    ),
    (
        "돌봄과 나눔 사회적협동조합",
        "Care and Share Social Cooperative",
        OrganizationType.SOCIAL_COOPERATIVE,
        Region.GWANGJU,
        "409-82-00003",
    ),
    (
        "지역과 사람 연구소",
        "Region and People Institute",
        OrganizationType.NON_PROFIT,
        Region.SEOUL,
        "",
    ),
]

# email, name_ko, name_en, role, organization index, is_superuser
PEOPLE = [
    ("admin@campus.example", "관리자", "Campus Admin", Role.STAFF, None, True),
    ("staff@campus.example", "정다은", "Daeun Jung", Role.STAFF, None, False),
    ("instructor@campus.example", "김민준", "Minjun Kim", Role.INSTRUCTOR, 5, False),
    (
        "instructor2@campus.example",
        "박서연",
        "Seoyeon Park",
        Role.INSTRUCTOR,
        None,
        False,
    ),
    ("researcher@campus.example", "최지훈", "Jihoon Choi", Role.RESEARCHER, 5, False),
    ("learner@campus.example", "이하늘", "Haneul Lee", Role.LEARNER, 0, False),
    ("learner2@campus.example", "윤소희", "Sohee Yoon", Role.LEARNER, 1, False),
    ("learner3@campus.example", "한도윤", "Doyun Han", Role.LEARNER, 2, False),
    ("learner4@campus.example", "오지민", "Jimin Oh", Role.LEARNER, 3, False),
    ("learner5@campus.example", "서예린", "Yerin Seo", Role.LEARNER, 4, False),
]


def seed_people() -> dict[str, User]:
    organizations = []
    for name, name_en, kind, region, number in ORGANIZATIONS:
        organization, _ = Organization.objects.get_or_create(
            name=name,
            region=region,
            defaults={"name_en": name_en, "type": kind, "registration_number": number},
        )
        organizations.append(organization)
    people = {}
    for email, name_ko, name_en, role, org_index, is_superuser in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                name_ko=name_ko,
                name_en=name_en,
                organization=organizations[org_index]
                if org_index is not None
                else None,
                is_staff=role == Role.STAFF,
                is_superuser=is_superuser,
            )
        user.groups.add(Group.objects.get(name=role.value))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people[email] = user
    return people
