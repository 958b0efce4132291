"""factory-boy factories shared by the suite."""

import factory
from allauth.account.models import EmailAddress

from lms.accounts.models import Organization, OrganizationType, Region, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"사회적협동조합 {n}")
    name_en = factory.Sequence(lambda n: f"Social Cooperative {n}")
    type = OrganizationType.SOCIAL_COOPERATIVE
    region = Region.JEONBUK


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name_ko = factory.Sequence(lambda n: f"홍길동{n}")
    name_en = factory.Sequence(lambda n: f"Gildong Hong {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse 77")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A verified primary e-mail address, as allauth keeps it."""
        obj.save()
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )


# --- courses and learning -------------------------------------------------------


class _ChildPageFactory(factory.django.DjangoModelFactory):
    """A page added under `parent` the way Wagtail adds it (treebeard add_child).

    Pass `parent=`; pages are live unless `live=False` is given.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"페이지 {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class HomePageFactory(_ChildPageFactory):
    """A bare Korean home page under the tree root."""

    class Meta:
        model = "cms.HomePage"

    title = "캠퍼스"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_title = "함께 배우고, 함께 일하는 사회적경제"
    parent = factory.LazyFunction(lambda: _tree_root())


def _tree_root():
    """The tree root, made again if a transactional test flushed the migrations' one."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def site_home_create():
    """A home page served at / by the default site: what the page tests need."""
    from wagtail.models import Site

    home = HomePageFactory()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.save()
    return home


class CourseCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.CourseCategory"

    name = factory.Sequence(lambda n: f"사회적기업 창업 {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class CourseIndexPageFactory(_ChildPageFactory):
    class Meta:
        model = "courses.CourseIndexPage"

    title = "교육과정"
    slug = factory.Sequence(lambda n: f"courses-{n}")


class CoursePageFactory(_ChildPageFactory):
    """A closed, formal, online course; pass `parent=` a CourseIndexPage."""

    class Meta:
        model = "courses.CoursePage"

    title = factory.Sequence(lambda n: f"협동조합 경영 {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "협동조합을 세우고 운영하는 법을 배웁니다."
    learning_mode = "formal"
    delivery = "online"


class CourseModulePageFactory(_ChildPageFactory):
    class Meta:
        model = "courses.CourseModulePage"

    title = factory.Sequence(lambda n: f"모듈 {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")


class LessonPageFactory(_ChildPageFactory):
    class Meta:
        model = "courses.LessonPage"

    title = factory.Sequence(lambda n: f"차시 {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>사회적경제의 원칙을 살펴봅니다.</p>")]
    )


def course_tree_create(*, index, modules: int = 1, lessons: int = 2, **fields):
    """A live course under `index` with `modules` modules of `lessons` lessons."""
    course = CoursePageFactory(parent=index, **fields)
    for _ in range(modules):
        module = CourseModulePageFactory(parent=course)
        for _ in range(lessons):
            LessonPageFactory(parent=module)
    return course


def pages_bulk_create(*, parent, model, rows: list[dict]) -> list:
    """Many live children of `parent` in a few queries, for scale tests only.

    Writes the rows `parent.add_child(instance=model(**row))` writes (tree path,
    depth, url_path, locale, the page and its subclass row) without the
    per-page queries; no revisions and no search index entries. `model` must
    inherit directly from `Page`.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    depth = parent.depth + 1
    base = []
    for offset, row in enumerate(rows, start=parent.numchild + 1):
        slug = row["slug"]
        base.append(
            Page(
                title=row["title"],
                draft_title=row["title"],
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, depth, offset),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                live_revision=None,
            )
        )
    Page.objects.bulk_create(base)
    if not all(page.pk for page in base):  # backends that return no ids
        by_path = dict(
            Page.objects.filter(path__in=[p.path for p in base]).values_list(
                "path", "pk"
            )
        )
        for page in base:
            page.pk = by_path[page.path]
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rows))
    created = []
    for page, row in zip(base, rows, strict=True):
        values = {
            f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields
        }
        specific = model(**{**values, **row}, page_ptr_id=page.pk)
        # raw: only the subclass table, as loaddata writes multi-table rows
        specific.save_base(raw=True, force_insert=True)
        created.append(specific)
    return created


class CourseRunFactory(factory.django.DjangoModelFactory):
    """An open run with no seat limit, enrolment open now."""

    class Meta:
        model = "learning.CourseRun"

    title_ko = factory.Sequence(lambda n: f"2026년 봄 {n}기")


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A row as it is, bypassing the services: pass `run=`; no seat is counted."""

    class Meta:
        model = "learning.Enrollment"

    learner = factory.SubFactory(UserFactory)
    status = "active"


def catalog_create():
    """A course catalog page under a home page that the default site serves."""
    return CourseIndexPageFactory(parent=site_home_create())


def instructor_create(*, courses=()):
    """A user in the Instructor role, teaching `courses` (not yet published)."""
    from django.contrib.auth.models import Group

    from courses.models import CoursePageInstructor

    instructor = UserFactory()
    instructor.groups.add(Group.objects.get(name="Instructor"))
    for course in courses:
        CoursePageInstructor.objects.create(page=course, user=instructor)
    return instructor


def translation_tree_create(page, *, language: str = "en"):
    """`page`, its ancestors and everything under it translated into `language`
    and published, as wagtail-localize leaves a translated course once its
    translations are synced; returns the translation of `page`.
    """
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=language)
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific())
    under = list(page.get_descendants(inclusive=True).specific().order_by("path"))
    copies = {}
    for each in [*ancestors, *under]:
        copy = each.get_translation_or_none(locale)
        if copy is None:
            copy = each.copy_for_translation(locale, alias=False)
        copy = copy.specific
        if not copy.live:
            copy.save_revision().publish()
            copy.refresh_from_db()
        copies[each.pk] = copy
    return copies[page.pk]
