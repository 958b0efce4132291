"""Reads of the partners: what a partner may see, and nothing of another's.

Runs and lessons are reached through the learning and courses selectors, and
courses are matched by translation key, so that the Korean and English pages
of a course count as one.
"""

from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import get_language

from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from lms.accounts.models import ConsentPurpose
from lms.accounts.selectors import user_exclude_withdrawn
from lms.learning.models import CourseRun, Enrollment
from lms.learning.permissions import is_center_staff
from lms.learning.selectors import (
    FACETS,
    OUR_COURSES,
    course_run_list_open,
    runs_in_language,
)

from .models import (
    AgreementLicence,
    ApiToken,
    ApiTokenUse,
    PartnerAgreement,
    PartnerCourse,
    PartnerInstitution,
    PartnerLearner,
    WebhookDelivery,
    WebhookEndpoint,
)


def institution_list_for_admin(*, user) -> QuerySet[PartnerInstitution]:
    """The institutions `user` administers (all of them for superusers)."""
    if not user.is_authenticated:
        return PartnerInstitution.objects.none()
    if user.is_superuser:
        return PartnerInstitution.objects.all()
    return PartnerInstitution.objects.filter(admins=user)


def agreement_course_keys(*, institution, current: bool = True) -> QuerySet:
    """Translation keys of the courses under the partner's agreements."""
    agreements = PartnerAgreement.objects.filter(institution=institution)
    if current:
        agreements = agreements.current()
    return CoursePage.objects.filter(pk__in=agreements.values("courses")).values(
        "translation_key"
    )


def _in_active_language(pages: QuerySet) -> QuerySet:
    """Each course once: its page in the active language, else the default one
    (by language code in the same query: no locale look-ups)."""
    active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    default = settings.LANGUAGE_CODE.split("-")[0]
    if active == default:
        return pages.filter(locale__language_code=default)
    translated = CoursePage.objects.live().filter(
        translation_key=OuterRef("translation_key"), locale__language_code=active
    )
    return pages.filter(
        Q(locale__language_code=active)
        | (Q(locale__language_code=default) & ~Exists(translated))
    )


def _open_runs_prefetch() -> Prefetch:
    return Prefetch(
        "runs",
        queryset=course_run_list_open().order_by("starts_on", "pk"),
        to_attr="open_runs",
    )


def partner_catalog(*, institution, filters: dict[str, Any] | None = None):
    """The live courses a partner's current agreements cover, with open runs.

    Two queries a page (courses, runs) whatever the number of courses.
    """
    filters = filters or {}
    courses = CoursePage.objects.live().filter(
        translation_key__in=agreement_course_keys(institution=institution)
    )
    courses = _in_active_language(courses)
    for name in FACETS:
        if filters.get(name):
            courses = courses.filter(**{name: filters[name]})
    if filters.get("q"):
        courses = courses.filter(
            Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"])
        )
    if filters.get("has_seats"):
        runs = course_run_list_open().filter(
            Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity"))
        )
        courses = courses.filter(pk__in=runs.values("course_id"))
    return courses.select_related("category", "locale").prefetch_related(
        _open_runs_prefetch()
    )


def partner_catalog_facets(*, institution, filters=None) -> dict[str, dict[str, int]]:
    """Counts of each facet value over the filtered catalog: one query a facet."""
    courses = partner_catalog(institution=institution, filters=filters)
    return {
        name: dict(
            courses.order_by()
            .prefetch_related(None)
            .values_list(name)
            .annotate(n=Count("pk"))
        )
        for name in FACETS
    }


def partner_course(*, institution, pk: int) -> CoursePage | None:
    """One course of the partner's catalog, with its open runs."""
    return (
        CoursePage.objects.live()
        .filter(
            pk=pk, translation_key__in=agreement_course_keys(institution=institution)
        )
        .select_related("category", "locale")
        .prefetch_related(_open_runs_prefetch())
        .first()
    )


def partner_agreement_for_course(*, institution, course) -> PartnerAgreement | None:
    """The partner's current agreement covering `course` (in any language)."""
    return (
        PartnerAgreement.objects.current()
        .filter(
            institution=institution,
            courses__translation_key=course.translation_key,
        )
        .select_related("institution")
        .order_by("-starts_on", "pk")
        .first()
    )


def partner_lesson(*, institution, pk: int) -> tuple[LessonPage, CoursePage] | None:
    """A live lesson of an agreement course, with its course; None if not."""
    lesson = LessonPage.objects.live().filter(pk=pk).first()
    if lesson is None:
        return None
    course = (
        CoursePage.objects.live()
        .filter(
            path__in=[
                lesson.path[: CoursePage.steplen * depth]
                for depth in range(1, lesson.depth)
            ],
            translation_key__in=agreement_course_keys(institution=institution),
        )
        .first()
    )
    if course is None:
        return None
    return lesson, course


def partner_run(*, institution, pk: int) -> CourseRun | None:
    """An open, published run of a course the partner's agreements cover."""
    return (
        course_run_list_open()
        .filter(
            pk=pk,
            course__translation_key__in=agreement_course_keys(institution=institution),
        )
        .first()
    )


def partner_enrollments(*, institution) -> QuerySet[Enrollment]:
    """Enrolments of the partner's own learners in courses of its agreements
    (past ones too), with the partner's learner id. Never another partner's,
    and never of a learner who withdrew consent to provision to partners (PIPA)."""
    enrollments = user_exclude_withdrawn(
        Enrollment.objects.all(), purpose=ConsentPurpose.PARTNERS, field="learner_id"
    )
    return (
        enrollments.filter(
            learner__partner_links__institution=institution,
            run__course__translation_key__in=agreement_course_keys(
                institution=institution, current=False
            ),
        )
        .select_related("run__course")
        .annotate(external_id=_external_id(institution))
    )


def _external_id(institution):

    return Subquery(
        PartnerLearner.objects.filter(
            institution=institution, user=OuterRef("learner_id")
        ).values("external_id")[:1]
    )


def enrollment_certificate(*, enrollment) -> Certificate | None:
    return Certificate.objects.current().filter(enrollment=enrollment).first()


def partner_tokens(*, institution) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(institution=institution)


def partner_token_uses(*, institution, limit: int = 50) -> list[ApiTokenUse]:
    return list(
        ApiTokenUse.objects.filter(institution=institution)
        .select_related("token")
        .order_by("-at", "-pk")[:limit]
    )


def partner_webhook_endpoints(*, institution) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(institution=institution)


def webhook_deliveries(*, endpoint) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint=endpoint)


def partner_webhook_deliveries(*, institution) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(
        endpoint__institution=institution
    ).select_related("endpoint")


def partner_dashboard(*, institution, rows: int = 50) -> dict[str, Any]:
    """What the partner dashboard shows: tokens, enrolments and their counts,
    webhook deliveries. A fixed number of queries whatever the rows."""
    enrollments = partner_enrollments(institution=institution)
    counts = dict(enrollments.order_by().values_list("status").annotate(n=Count("pk")))
    shown = list(
        enrollments.select_related("learner").order_by("-status_changed_at")[:rows]
    )
    runs_in_language(e.run for e in shown)
    return {
        "tokens": list(partner_tokens(institution=institution)[:rows]),
        "enrollments": shown,
        "status_counts": counts,
        "completions": counts.get("completed", 0),
        "deliveries": list(
            partner_webhook_deliveries(institution=institution).order_by(
                "-created_at", "-pk"
            )[:rows]
        ),
    }


def partner_own_courses(*, institution) -> QuerySet[PartnerCourse]:
    return PartnerCourse.objects.filter(institution=institution)


def _partner_courses_for_catalog(filters: dict | None) -> QuerySet[PartnerCourse]:
    courses = PartnerCourse.objects.listed()
    for name in FACETS:
        value = (filters or {}).get(name)
        if value:
            courses = courses.filter(**{name: value})
    return courses


def partner_course_list_for_catalog(
    *, filters: dict | None = None, offered_by: str = ""
) -> list:
    """Listed partner courses for our catalog page, with the partner and its
    logo: one query whatever the number of courses. `offered_by` narrows them
    to one partner (its slug); our own courses' value gives none."""
    if offered_by == OUR_COURSES:
        return []
    courses = _partner_courses_for_catalog(filters).select_related(
        "institution", "institution__logo"
    )
    if offered_by:
        courses = courses.filter(institution__slug=offered_by)
    return list(courses.order_by("starts_on", "title", "pk")[:50])


def partner_catalog_providers(*, filters: dict | None = None) -> list[dict]:
    """The catalog's "offered by" facet: each partner with listed courses that
    match `filters`, its name in the reader's language and how many. One query."""
    english = (get_language() or "ko").startswith("en")
    rows = (
        _partner_courses_for_catalog(filters)
        .order_by()
        .values("institution__slug", "institution__name_ko", "institution__name_en")
        .annotate(n=Count("pk"))
    )
    providers = [
        {
            "slug": row["institution__slug"],
            "name": (english and row["institution__name_en"])
            or row["institution__name_ko"],
            "count": row["n"],
        }
        for row in rows
    ]
    return sorted(providers, key=lambda provider: provider["name"])


def cartridge_export_access(*, user, course) -> tuple[bool, PartnerAgreement | None]:
    """Whether `user` may export `course` as a Common Cartridge, and the partner
    agreement whose terms the package states (None for center staff).

    Center staff may export any course; a partner admin only a course under a
    current agreement of their institution with the adapt licence.
    """
    if not user.is_authenticated:
        return False, None
    if is_center_staff(user):
        return True, None
    agreement = (
        PartnerAgreement.objects.current()
        .filter(
            institution__admins=user,
            institution__is_active=True,
            licence=AgreementLicence.ADAPT,
            courses__translation_key=course.translation_key,
        )
        .select_related("institution")
        .order_by("-starts_on", "pk")
        .first()
    )
    return agreement is not None, agreement


def course_discussion_prompts(*, course) -> list[tuple[str, str]]:
    """The course team's discussion prompts, as (title, HTML): the pinned,
    visible discussion threads of the forums of the course's runs, newest run
    first, once per title. Only the opening message; never a reply or who
    wrote it. One query."""
    from lms.community.models import Thread, ThreadKind

    threads = (
        Thread.objects.filter(
            forum__scope="run",
            forum__run__course__translation_key=course.translation_key,
            kind=ThreadKind.DISCUSSION,
            is_pinned=True,
            is_hidden=False,
            deleted_at__isnull=True,
        )
        .order_by(F("forum__run__starts_on").desc(nulls_last=True), "pk")
        .values_list("title", "body_html")
    )
    prompts: dict[str, str] = {}
    for title, html in threads:
        prompts.setdefault(title, html)
    return list(prompts.items())
