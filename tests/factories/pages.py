"""Wagtail pages as the admin adds them, and helpers for page trees.

Page factories derive from wagtail-factories' `PageFactory`: `parent=` adds the
page under it with treebeard's `add_child`, as Wagtail does.
"""

import factory
import wagtail_factories


class ChildPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` the way Wagtail adds it (treebeard add_child).

    Pass `parent=`; pages are live unless `live=False` is given.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"페이지 {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is None:  # a second tree root is never what a test means
            raise TypeError(f"{cls.__name__} needs parent=")
        return super()._create_instance(model_class, parent, kwargs)


class HomePageFactory(ChildPageFactory):
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
