"""Writes of the research portal: the OAI-PMH records that follow publications,
the English aliases of publications, and the text that search reads."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from .models import OaiRecord, PublicationPage, utc_seconds


def publication_set_specs(*, page: PublicationPage) -> list[str]:
    """The OAI-PMH sets of a publication: its type, series and topics."""
    specs = [f"type:{page.publication_type}"]
    if page.series_id:
        specs.append(f"series:{page.series.slug}")
    specs += [f"topic:{topic.slug}" for topic in page.topics.all()]
    return specs


def publication_metadata_formats(*, page: PublicationPage) -> list[str]:
    """The OAI-PMH formats a publication can be disseminated in: oai_dc always;
    oai_datacite only with a DOI, which DataCite's `identifier` must be."""
    return ["oai_dc", "oai_datacite"] if page.doi else ["oai_dc"]


def publication_search_text(*, page: PublicationPage) -> str:
    """What the index's search reads besides the full text: every name and word
    of the metadata, in both languages."""
    parts = [
        page.title,
        page.title_en,
        page.subtitle,
        page.abstract,
        page.abstract_en,
        page.keywords,
        page.publisher,
        page.container_title,
        page.project,
        page.funder,
        page.isbn,
        page.doi,
    ]
    for credit in page.authors.all():
        parts += [credit.person.name, credit.person.name_en]
    for topic in page.topics.all():
        parts += [topic.name, topic.name_en]
    if page.series_id:
        parts += [page.series.name, page.series.name_en]
    return "\n".join(part for part in parts if part)


@transaction.atomic
def oai_record_sync(*, page: PublicationPage) -> OaiRecord | None:
    """Give a published publication a new datestamp and its current sets."""
    if page.alias_of_id or not page.live:
        return None
    record, _created = OaiRecord.objects.update_or_create(
        publication_id=page.pk,
        defaults={
            "page": page,
            "datestamp": utc_seconds(timezone.now()),
            "deleted": False,
            "set_specs": " " + " ".join(publication_set_specs(page=page)) + " ",
            "formats": " " + " ".join(publication_metadata_formats(page=page)) + " ",
        },
    )
    return record


@transaction.atomic
def oai_record_withdraw(*, publication_id: int) -> None:
    """A publication unpublished or deleted stays as a tombstone with a new date."""
    OaiRecord.objects.filter(publication_id=publication_id, deleted=False).update(
        deleted=True, datestamp=utc_seconds(timezone.now())
    )


@transaction.atomic
def page_alias_ensure(*, page: Page) -> list[Page]:
    """A publication or living lab on the other language sites, as aliases.

    An alias follows its source on every publish, so a publication is edited
    once; it is made where the index has a translation.
    """
    if page.alias_of_id:
        return []
    parent = page.get_parent()
    aliases = []
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not parent.get_translations().filter(locale=locale).exists():
            continue
        alias = Page.objects.filter(
            alias_of=page, locale=locale
        ).first() or page.copy_for_translation(locale, copy_parents=False, alias=True)
        aliases.append(alias)
    return aliases


def default_locale_code() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


@transaction.atomic
def publication_full_text_extract(*, page_id: int) -> int:
    """Read the main PDF of a publication into its full text, for search; the
    page counts of its PDFs too. Safe to run again; the number of characters."""
    from .models import PublicationPageFile
    from .pdf import pdf_text

    page = PublicationPage.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    texts = []
    for item in PublicationPageFile.objects.filter(page=page).select_related("file"):
        if (item.file.extension or "").lower() != "pdf":
            continue
        with item.file.file.open("rb") as handle:
            text, pages = pdf_text(handle.read())
        if pages and item.page_count != pages:
            PublicationPageFile.objects.filter(pk=item.pk).update(page_count=pages)
        if item.is_main or not texts:
            texts.insert(0, text) if item.is_main else texts.append(text)
    full_text = "\n".join(texts)
    # the aliases share the text, so that the English site's search finds it too
    PublicationPage.objects.filter(pk=page.pk).update(full_text=full_text)
    PublicationPage.objects.filter(alias_of=page).update(full_text=full_text)
    return len(full_text)


RESEARCHER_MODELS = {
    "research_portal": ["person", "series", "topic"],
    "filer": ["file", "folder"],
}


@transaction.atomic
def research_roles_grant() -> None:
    """Researchers write publications and living labs; center staff approve them.

    Researchers may add and edit pages under the publication and living-lab
    indexes (not publish), and manage people, series, topics and files. Those
    pages go through a workflow whose one task is the staff's approval.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from lms.accounts.models import Role

    from .models import LivingLabIndexPage, PublicationIndexPage

    researchers = Group.objects.filter(name=Role.RESEARCHER.value).first()
    staff = Group.objects.filter(name=Role.STAFF.value).first()
    if researchers is None or staff is None:
        return
    researchers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for app_label, models in RESEARCHER_MODELS.items():
        researchers.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model__in=models,
                codename__regex=r"^(add|change|view)_",
            )
        )
    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=["add_page", "change_page"],
        )
    )
    indexes = [
        *PublicationIndexPage.objects.all(),
        *LivingLabIndexPage.objects.all(),
    ]
    for page in indexes:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=researchers, page=page, permission=permission
            )
    task = GroupApprovalTask.objects.filter(name="센터 직원 승인").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="센터 직원 승인")
    task.groups.add(staff)
    workflow, _created = Workflow.objects.get_or_create(name="연구 성과 승인")
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for page in indexes:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )


def publication_embargoes_release(*, today=None) -> list[int]:
    """Release the files whose embargo ends today or ended since the last run.

    Visibility follows the date by itself (a file shows from its embargo's
    last day on); what changes here is what harvesters and caches hold: the
    publication's OAI-PMH record gets a new datestamp, cached pages go, and the
    text is read for search. Safe to run again: a record already dated on or
    after the release day is left alone. The ids of the publications released.
    """
    import datetime as dt

    from lms.core.page_cache import page_cache_clear

    from .models import PublicationPageFile

    today = today or timezone.localdate()
    released = []
    candidates = (
        PublicationPageFile.objects.filter(
            embargo_until__lte=today, page__alias_of__isnull=True, page__live=True
        )
        .values_list("page_id", "embargo_until")
        .order_by("page_id")
    )
    for page_id, until in candidates:
        release = timezone.make_aware(dt.datetime.combine(until, dt.time.min))
        record = OaiRecord.objects.filter(publication_id=page_id).first()
        if record is None or record.datestamp >= utc_seconds(release):
            continue
        page = PublicationPage.objects.get(pk=page_id)
        oai_record_sync(page=page)
        publication_files_storage_sync(page=page)
        publication_full_text_extract(page_id=page_id)
        released.append(page_id)
    if released:
        page_cache_clear()
    return released


def usage_salt_for(day) -> str:
    """The salt of `day`, made on first use (two workers agree on one row)."""
    import secrets

    from django.core.cache import cache

    from .models import UsageSalt

    key = f"research:usage-salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        salt = UsageSalt.objects.get_or_create(
            day=day, defaults={"salt": secrets.token_hex(32)}
        )[0].salt
        cache.set(key, salt, timeout=60 * 60 * 26)
    return salt


def usage_record(*, request, page: PublicationPage, file=None, now=None) -> bool:
    """Count a view of `page` (or a download of `file`), unless a robot asks or
    the same visitor did the same within the double-click window. True when
    counted."""
    import datetime as dt

    from . import usage
    from .models import UsageEvent

    if usage.is_robot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    now = now or timezone.now()
    visitor = usage.salted(
        usage_salt_for(timezone.localdate(now)), usage.visitor_basis(request)
    )
    recent = UsageEvent.objects.filter(
        visitor=visitor,
        page=page,
        file=file,
        is_request=file is not None,
        at__gt=now - dt.timedelta(seconds=usage.DOUBLE_CLICK_SECONDS),
        at__lte=now,
    )
    if recent.exists():
        return False
    UsageEvent.objects.create(
        page=page,
        file=file,
        is_request=file is not None,
        visitor=visitor,
        session=usage.session_of(visitor, now),
        at=now,
    )
    return True


def usage_salts_prune(*, today=None) -> int:
    """Forget every salt but today's, so old hashes cannot be re-made."""
    from .models import UsageSalt

    today = today or timezone.localdate()
    deleted, _rows = UsageSalt.objects.filter(day__lt=today).delete()
    return deleted


def publication_files_storage_sync(*, page: PublicationPage) -> int:
    """Keep restricted and embargoed files in private storage (served only
    through the publication's download view, which checks who asks) and open
    ones in public storage. Returns how many files moved."""
    moved = 0
    for item in page.files.select_related("file"):
        public = item.is_open
        if item.file.is_public != public:
            item.file.is_public = public
            item.file.save()
            moved += 1
    return moved


def publications_import(*, index, rows: list, user, dry_run: bool) -> list:
    """Create a draft publication under `index` for each row of a bibliography
    file (`research_portal.bibliography`), all or nothing.

    Authors are matched to people by ORCID iD, then by name, or created. The
    drafts of a user who may not publish under the index are submitted to its
    workflow (the staff's approval). A dry run, or any row in error, writes
    nothing: every row is still tried, in one transaction rolled back at the
    end, so the report names every row that would fail. Returns the rows, each
    with its `status` (`ImportStatus`) and, when created, its `page`.
    """
    from django.core.exceptions import PermissionDenied, ValidationError

    from .bibliography import ImportStatus

    if not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    with transaction.atomic():
        people = _PeopleMatcher(rows)
        slugs = set(index.get_children().values_list("slug", flat=True))
        for row in rows:
            if not row.ok:
                continue
            try:
                with transaction.atomic():
                    row.page = _publication_draft_create(
                        index=index, row=row, people=people, slugs=slugs, user=user
                    )
            except ValidationError as error:
                row.errors.extend(error.messages)
        failed = any(not row.ok for row in rows)
        if failed or dry_run:
            transaction.set_rollback(True)
        elif not index.permissions_for_user(user).can_publish_subpage():
            workflow = index.get_workflow()
            for row in rows:
                if workflow is not None:
                    workflow.start(row.page, user)
    for row in rows:
        if not row.ok:
            row.status = ImportStatus.ERROR
        elif dry_run:
            row.status = ImportStatus.WOULD_CREATE
        elif failed:
            row.status = ImportStatus.NOT_IMPORTED
        else:
            row.status = ImportStatus.CREATED
        if row.status != ImportStatus.CREATED:
            row.page = None
    return rows


def _unique_slug(base: str, taken: set[str], *, fallback: str) -> str:
    from django.utils.text import slugify

    base = slugify(base, allow_unicode=True)[:60].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


class _PeopleMatcher:
    """Authors of an import matched to `Person` snippets in two queries, and
    created once each when no one matches."""

    def __init__(self, rows):
        from django.db.models import Q

        from .models import Person

        names = [a for row in rows if row.ok for a in row.draft.authors]
        orcids = {a.orcid for a in names if a.orcid}
        written = {a.name for a in names} | {a.name_en for a in names}
        found = list(
            Person.objects.filter(
                Q(orcid__in=orcids) | Q(name__in=written) | Q(name_en__in=written)
            )
        )
        self.by_orcid = {p.orcid: p for p in found if p.orcid}
        self.by_name = {}
        for person in found:
            self.by_name.setdefault(person.name, person)
            self.by_name.setdefault(person.name_en, person)
        self.slugs = None

    def get(self, author):
        from .models import Person

        person = (author.orcid and self.by_orcid.get(author.orcid)) or (
            self.by_name.get(author.name) or self.by_name.get(author.name_en)
        )
        if person is not None:
            return person
        if self.slugs is None:
            self.slugs = set(Person.objects.values_list("slug", flat=True))
        person = Person.objects.create(
            name=author.name,
            name_en=author.name_en,
            family_name_en=author.family_name_en,
            orcid=author.orcid,
            slug=_unique_slug(author.name_en, self.slugs, fallback="person"),
        )
        if person.orcid:
            self.by_orcid[person.orcid] = person
        self.by_name.setdefault(person.name, person)
        self.by_name.setdefault(person.name_en, person)
        return person


def _publication_draft_create(*, index, row, people, slugs, user) -> PublicationPage:
    from .models import PublicationPageAuthor

    fields = row.draft.fields
    page = PublicationPage(
        **fields,
        slug=_unique_slug(
            fields["title_en"] or fields["title"], slugs, fallback="publication"
        ),
        live=False,
        owner=user,
    )
    page.authors = [
        PublicationPageAuthor(person=people.get(author), sort_order=i)
        for i, author in enumerate(row.draft.authors)
    ]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
