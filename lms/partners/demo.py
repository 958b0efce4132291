"""Demo partners for `seed_demo`. Idempotent: run it again and nothing doubles.

Two partner universities, each with an admin, an agreement on demo courses
and an API token whose value is fixed for the demo (so `seed_demo` can print
it every time; only its hash is stored, as for any token). Hanbit also has a
webhook endpoint served by the demo site itself (/partners/demo-webhook/).
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from courses.models import CoursePage
from lms.accounts.models import Role, User

from .models import (
    ApiToken,
    PartnerAgreement,
    PartnerInstitution,
    Scope,
    WebhookEndpoint,
)
from .models.tokens import token_hash
from .services.syndication import partner_course_publish

DEMO_SITE = "http://127.0.0.1:8000"
PARTNERS = [
    {
        "slug": "hanbit",
        "name_ko": "한빛대학교",
        "name_en": "Hanbit University",
        "website": "https://hanbit.example",
        "admin": ("partner@campus.example", "한빛 담당자", "Hanbit coordinator"),
        "token": "cps_demohanbit_HanbitDemoToken0000000000000000000000000",
        "licence": "adapt",
        "courses": [
            "social-enterprise-startup-basics",
            "cooperative-accounting-and-finance",
        ],
        "webhook": True,
    },
    {
        "slug": "nuri",
        "name_ko": "누리대학교",
        "name_en": "Nuri University",
        "website": "https://nuri.example",
        "admin": ("partner2@campus.example", "누리 담당자", "Nuri coordinator"),
        "token": "cps_demonuri_NuriDemoToken00000000000000000000000000000",
        "licence": "catalog_only",
        "courses": ["introduction-to-social-value-measurement"],
        "webhook": False,
    },
]
DEMO_WEBHOOK_SECRET = "whsec_demo_hanbit_secret"
# three partner courses in our catalog (inbound syndication)
PARTNER_COURSES = {
    "hanbit": [
        (
            "hb-ri-201",
            "지역 혁신과 대학의 역할",
            "대학이 지역 사회적경제 조직과 함께 문제를 푸는 방법을 사례로 배웁니다.",
            "formal",
            "online",
            "intermediate",
        ),
        (
            "hb-coop-110",
            "협동조합 리더십 실습",
            "조합원 참여를 이끄는 회의 진행과 의사결정을 실습합니다.",
            "social",
            "on_site",
            "introductory",
        ),
    ],
    "nuri": [
        (
            "nr-impact-301",
            "Impact Evaluation for Social Ventures",
            "Design a theory of change and measure outcomes with a small budget.",
            "formal",
            "online",
            "advanced",
        ),
    ],
}


@transaction.atomic
def seed_partners(*, password: str) -> list[tuple[PartnerInstitution, str]]:
    """The demo partners and their (printable) tokens."""
    seeded = []
    partner_group = Group.objects.filter(name=Role.PARTNER.value).first()
    for spec in PARTNERS:
        institution, _created = PartnerInstitution.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name_ko": spec["name_ko"],
                "name_en": spec["name_en"],
                "website": spec["website"],
                "contact_email": spec["admin"][0],
            },
        )
        email, name_ko, name_en = spec["admin"]
        admin = User.objects.filter(email=email).first()
        if admin is None:
            admin = User.objects.create_user(
                email, password, name_ko=name_ko, name_en=name_en
            )
        EmailAddress.objects.get_or_create(
            user=admin, email=email, defaults={"verified": True, "primary": True}
        )
        if partner_group is not None:
            admin.groups.add(partner_group)
        institution.admins.add(admin)

        agreement, _created = PartnerAgreement.objects.update_or_create(
            institution=institution,
            title=f"{spec['name_en']} × Campus 2026",
            defaults={"licence": spec["licence"], "starts_on": dt.date(2026, 1, 1)},
        )
        agreement.courses.set(CoursePage.objects.filter(slug__in=spec["courses"]))

        raw = spec["token"]
        lookup = raw.split("_")[1]
        ApiToken.objects.update_or_create(
            lookup=lookup,
            defaults={
                "institution": institution,
                "name": "Demo token",
                "hashed": token_hash(raw),
                "scopes": list(Scope.values),
                "expires_at": None,
                "revoked_at": None,
                "grace_until": None,
                "rotated_to": None,
                "created_by": admin,
            },
        )
        if spec["webhook"]:
            endpoint, _created = WebhookEndpoint.objects.update_or_create(
                institution=institution,
                url=f"{DEMO_SITE}/partners/demo-webhook/{institution.slug}/",
                defaults={
                    "events": [
                        "enrolment.changed",
                        "enrolment.completed",
                        "certificate.issued",
                    ],
                    "is_active": True,
                },
            )
            if endpoint.secret != DEMO_WEBHOOK_SECRET:
                endpoint.secret = DEMO_WEBHOOK_SECRET
                endpoint.save(update_fields=["secret"])
        for external_id, title, summary, mode, delivery, level in PARTNER_COURSES[
            institution.slug
        ]:
            partner_course_publish(
                institution=institution,
                external_id=external_id,
                data={
                    "title": title,
                    "summary": summary,
                    "url": f"{spec['website']}/courses/{external_id}",
                    "learning_mode": mode,
                    "delivery": delivery,
                    "level": level,
                    "course_language": "en" if institution.slug == "nuri" else "ko",
                },
            )
        seeded.append((institution, raw))
    return seeded
