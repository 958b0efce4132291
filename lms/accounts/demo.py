"""Demo people and organizations for `seed_demo`. Idempotent."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import (
    Consent,
    ConsentPurpose,
    Organization,
    OrganizationType,
    Region,
    Role,
    User,
)

DEMO_PASSWORD = "campus-demo-2026"
# The demo's staff sign in with a second factor like real staff do. This secret
# is public (README, `make run`): add it to any authenticator app, or print the
# current code with `python manage.py demo_totp`. Demo only.
DEMO_TOTP_SECRET = "CAMPUSDEMOTOTPSECRETJBSEKOREAAAA"
DEMO_TOTP_PEOPLE = ("admin@campus.example", "staff@campus.example")

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
    seed_consents(people)
    seed_second_factors(people)
    return people


def seed_consents(people: dict[str, User]) -> None:
    """Every demo person agreed to the required item; the learners also to the
    partner universities, and the first learner to news by e-mail."""
    from .selectors import consent_versions_current
    from .services import consents_record

    versions = {v.item.purpose: v for v in consent_versions_current()}
    for email, user in people.items():
        choices = {v: True for v in versions.values() if v.required}
        if email.startswith("learner") and ConsentPurpose.PARTNERS in versions:
            choices[versions[ConsentPurpose.PARTNERS]] = True
        if email == "learner@campus.example" and ConsentPurpose.MARKETING in versions:
            choices[versions[ConsentPurpose.MARKETING]] = True
        consents_record(user=user, choices=choices, method=Consent.Method.FORM)


def seed_second_factors(people: dict[str, User]) -> None:
    """The demo admin and staff have an authenticator (the public demo secret)
    and recovery codes, so that their sign-in shows the two-factor step."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    for email in DEMO_TOTP_PEOPLE:
        user = people[email]
        kinds = set(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        )
        if Authenticator.Type.TOTP not in kinds:
            TOTP.activate(user, DEMO_TOTP_SECRET)
        if Authenticator.Type.RECOVERY_CODES not in kinds:
            RecoveryCodes.activate(user)


def demo_totp_code() -> str:
    """The current six-digit code for the demo secret."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def demo_sign_in_note() -> str:
    return (
        "  Two-factor sign-in (admin@ and staff@): the code of the demo secret "
        f"{DEMO_TOTP_SECRET} in any authenticator app, or run "
        "`.venv/bin/python manage.py demo_totp` for the current code"
    )
