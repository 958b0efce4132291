"""Demo courses, categories, the learning library and the course review workflow.

The content is data under `demo/courses/`: `catalog.yaml` (the catalog page, its
categories and the order of its courses), one `<course>.yaml` a course with
Korean and English side by side, its lessons' bodies in
`<course>/<lesson>.<ko|en>.md`, and `library.yaml`. This module reads them
(`lms.core.demo_data` checks them and names the file and key of a mistake) and
builds the pages and snippets, Korean first, English as their translations.

Idempotent: pages are found by slug and locale, snippets by slug and locale,
library files by folder and file name, resources by title; all updated in place.
"""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from lms.core.demo_data import (
    Node,
    demo_load,
    markdown_blocks,
    markdown_file_blocks,
    markdown_html,
    page_upsert,
)

from .models import (
    CourseCategory,
    CourseIndexPage,
    CourseLanguage,
    CourseModulePage,
    CoursePage,
    CoursePageInstructor,
    Delivery,
    LearningMode,
    LessonPage,
    Level,
    LibraryResource,
    Licence,
    ResourceKind,
)

LANGUAGES = ("ko", "en")


def course_specs() -> list[dict]:
    """The catalog's courses, in order, as read from `demo/courses/`."""
    catalog = demo_load("courses/catalog.yaml")
    return [_course_spec(slug) for slug in catalog.texts("courses")]


def _course_spec(slug: str) -> dict:
    course = demo_load(f"courses/{slug}.yaml")
    if course.text("slug") != slug:
        raise course.error("slug", f"expected {slug!r}, the file's name")
    instructor = course.node("instructor")
    return {
        "slug": slug,
        "title": course.bilingual_text("title"),
        "summary": course.bilingual_text("summary"),
        "description": course.bilingual_text("description"),
        "outcomes": course.bilingual("outcomes"),
        "category": course.text("category"),
        "learning_mode": course.choice("learning_mode", LearningMode),
        "delivery": course.choice("delivery", Delivery),
        "level": course.choice("level", Level),
        "course_language": course.choice("course_language", CourseLanguage),
        "credit_hours": course.decimal("credit_hours"),
        "licence": course.choice("licence", Licence),
        "is_open": course.flag("is_open"),
        "instructor": (
            instructor.text("email"),
            instructor.bilingual_text("role"),
        ),
        "tags": course.texts("tags"),
        "prerequisites": course.texts("prerequisites"),
        "modules": [_module_spec(module) for module in course.nodes("modules")],
    }


def _module_spec(module: Node) -> dict:
    return {
        "slug": module.text("slug"),
        "title": module.bilingual_text("title"),
        "summary": module.bilingual_text("summary"),
        "lessons": [
            {
                "slug": lesson.text("slug"),
                "minutes": lesson.whole("minutes"),
                "required": lesson.flag("required"),
                "title": lesson.bilingual_text("title"),
            }
            for lesson in module.nodes("lessons")
        ],
    }


# read when the module is imported so that tests can seed a few of them
# (monkeypatch COURSES); a mistake in a file shows at once
COURSES = course_specs()


def _locale(code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def seed_categories() -> dict[str, dict[str, CourseCategory]]:
    """The catalog's categories: {slug: {"ko": category, "en": category}}."""
    ko, en = _locale("ko"), _locale("en")
    categories = {}
    catalog = demo_load("courses/catalog.yaml")
    for order, category in enumerate(catalog.nodes("categories"), start=1):
        slug, name = category.text("slug"), category.bilingual_text("name")
        korean = CourseCategory.objects.filter(slug=slug, locale=ko).first()
        if korean is None:
            korean = CourseCategory(slug=slug, locale=ko)
        korean.name, korean.sort_order = name["ko"], order
        korean.save()
        english = CourseCategory.objects.filter(
            translation_key=korean.translation_key, locale=en
        ).first()
        if english is None:
            english = korean.copy_for_translation(en)
        english.slug, english.name, english.sort_order = slug, name["en"], order
        english.save()
        categories[slug] = {"ko": korean, "en": english}
    return categories


def seed_courses(*, home_ko, home_en, people, categories=None) -> list[CoursePage]:
    """The catalog and its courses; Korean courses first, then their translations."""
    categories = categories or seed_categories()
    catalog = demo_load("courses/catalog.yaml")
    title, intro = catalog.bilingual_text("title"), catalog.bilingual_text("intro")
    catalogs = {}
    for code, home in (("ko", home_ko), ("en", home_en)):
        catalogs[code] = page_upsert(
            home,
            CourseIndexPage,
            "courses",
            _locale(code),
            catalogs.get("ko"),
            title=title[code],
            intro=markdown_html(intro[code]),
            show_in_menus=True,
        )
    pages: dict[str, dict[str, CoursePage]] = {"ko": {}, "en": {}}
    for spec in COURSES:
        for code in LANGUAGES:
            course = _seed_course(
                spec,
                code,
                catalog=catalogs[code],
                source=pages["ko"].get(spec["slug"]),
                prerequisites=[pages[code][slug] for slug in spec["prerequisites"]],
                category=categories[spec["category"]][code],
                people=people,
            )
            pages[code][spec["slug"]] = course
            _seed_modules(spec, code, course=course, korean=pages["ko"][spec["slug"]])
    seed_review_workflow(catalogs=list(catalogs.values()))
    return [*pages["ko"].values(), *pages["en"].values()]


def _seed_course(spec, code, *, catalog, source, prerequisites, category, people):
    """One course page in one language, a translation of `source` if given."""
    email, role = spec["instructor"]
    course = page_upsert(
        catalog,
        CoursePage,
        spec["slug"],
        _locale(code),
        source,
        title=spec["title"][code],
        summary=spec["summary"][code],
        description=markdown_blocks(
            spec["description"][code],
            source=f"demo/courses/{spec['slug']}.yaml: description.{code}",
        ),
        learning_outcomes=[("outcome", item) for item in spec["outcomes"][code]],
        learning_mode=spec["learning_mode"],
        delivery=spec["delivery"],
        category=category,
        level=spec["level"],
        course_language=spec["course_language"],
        credit_hours=spec["credit_hours"],
        licence=spec["licence"],
        is_open=spec["is_open"],
        prerequisites=prerequisites,
        instructor_links=[CoursePageInstructor(user=people[email], role=role[code])],
        show_in_menus=False,
    )
    # tags are not translated: both languages share them; tags are
    # cluster tags, so they go live with a published revision
    if set(course.tags.names()) != set(spec["tags"]):
        course.tags.set(spec["tags"])
        course.save_revision().publish()
    return course


def _seed_modules(spec, code, *, course: CoursePage, korean: CoursePage) -> None:
    """A course's modules and lessons in one language; the English ones are
    translations of the Korean ones."""
    locale = _locale(code)
    for module_spec in spec["modules"]:
        source_module = (
            None
            if code == "ko"
            else CourseModulePage.objects.child_of(korean)
            .filter(slug=module_spec["slug"])
            .first()
        )
        module = page_upsert(
            course,
            CourseModulePage,
            module_spec["slug"],
            locale,
            source_module,
            title=module_spec["title"][code],
            summary=module_spec["summary"][code],
        )
        for lesson in module_spec["lessons"]:
            source_lesson = (
                None
                if source_module is None
                else LessonPage.objects.child_of(source_module)
                .filter(slug=lesson["slug"])
                .first()
            )
            page_upsert(
                module,
                LessonPage,
                lesson["slug"],
                locale,
                source_lesson,
                title=lesson["title"][code],
                body=markdown_file_blocks(
                    f"courses/{spec['slug']}/{lesson['slug']}.{code}.md"
                ),
                estimated_minutes=lesson["minutes"],
                is_required=lesson["required"],
            )


def seed_review_workflow(*, catalogs: list[CourseIndexPage]) -> Workflow:
    """Instructors' edits to courses need the approval of center staff."""
    staff = Group.objects.get(name="Staff")
    workflow, _ = Workflow.objects.get_or_create(
        name="교육과정 검토 · Course review", defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name="센터 승인 · Staff approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="센터 승인 · Staff approval")
    task.groups.set([staff])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for catalog in catalogs:
        WorkflowPage.objects.update_or_create(
            page=catalog.page_ptr, defaults={"workflow": workflow}
        )
    return workflow


# The learning library (자료실)

HANGUL_FONTS = [
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
]


def _pdf(title: str, lines: list[str]) -> bytes:
    """A small A4 PDF; Hangul in an embedded TrueType font when one is installed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    candidates = [getattr(settings, "CAMPUS_PDF_FONT", ""), *HANGUL_FONTS]
    font = next((path for path in candidates if path and Path(path).is_file()), None)
    if font:
        if "CampusSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("CampusSans", font))
        name = "CampusSans"
    else:  # not embedded: shows as boxes where no Korean font is installed
        name = "HYGothic-Medium"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("Campus")
    width, height = A4
    y = height - 72
    pdf.setFont(name, 16)
    pdf.drawString(56, y, title)
    y -= 32
    pdf.setFont(name, 10.5)
    for line in lines:
        if y < 72:
            pdf.showPage()
            pdf.setFont(name, 10.5)
            y = height - 72
        pdf.drawString(56, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # with a BOM, as Excel expects


def _text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _content(item: Node) -> bytes:
    """A library file's bytes, made from `content: {pdf|csv|text: …}`."""
    content = item.node("content")
    if content.has("pdf"):
        pdf = content.node("pdf")
        return _pdf(pdf.text("title"), pdf.texts("lines"))
    if content.has("csv"):
        rows = content.nodes_of_texts("csv")
        return _csv(rows)
    if content.has("text"):
        return _text(content.texts("text"))
    raise item.error("content", "expected one of pdf, csv or text")


def _library_folders(folders: Node) -> dict:
    """The library's filer folders with their permissions: {key: (folder, public)}."""
    from filer.models import Folder, FolderPermission

    result = {}
    for key in folders.data:
        spec = folders.node(key)
        name, public = spec.text("name"), spec.flag("public")
        folder = Folder.objects.filter(name=name, parent=None).first()
        if folder is None:
            folder = Folder.objects.create(name=name, parent=None)
        if public:
            FolderPermission.objects.get_or_create(
                folder=folder,
                everybody=True,
                group=None,
                user=None,
                defaults={
                    "type": FolderPermission.ALL,
                    "can_read": FolderPermission.ALLOW,
                },
            )
        else:
            FolderPermission.objects.get_or_create(
                folder=folder,
                group=Group.objects.get(name="Staff"),
                everybody=False,
                user=None,
                defaults={
                    "type": FolderPermission.ALL,
                    "can_read": FolderPermission.ALLOW,
                    "can_edit": FolderPermission.ALLOW,
                    "can_add_children": FolderPermission.ALLOW,
                },
            )
        result[key] = (folder, public)
    return result


def seed_library(*, categories) -> list[LibraryResource]:
    """Library folders with their permissions, files and the resources that
    describe them, from `demo/courses/library.yaml`."""
    from filer.models import File

    library = demo_load("courses/library.yaml")
    folders = _library_folders(library.node("folders"))
    resources = []
    for item in library.nodes("resources"):
        title, description = (
            item.bilingual_text("title"),
            item.bilingual_text("description"),
        )
        file = None
        if item.has("file"):
            filename = item.text("file")
            if item.text("folder") not in folders:
                raise item.error("folder", f"no such folder in {list(folders)}")
            folder, public = folders[item.text("folder")]
            file = File.objects.filter(
                folder=folder, original_filename=filename
            ).first()
            if file is None:
                file = File.objects.create(
                    folder=folder,
                    original_filename=filename,
                    name=title["ko"],
                    is_public=public,
                    file=ContentFile(_content(item), name=filename),
                )
        # a resource's category is the Korean one; none for staff-only files
        category = item.raw("category")
        if category is not None:
            if category not in categories:
                raise item.error("category", f"no such category {category!r}")
            category = categories[category]["ko"]
        # found by either title: a resource once seeded under its English title
        # is updated in place
        resource = LibraryResource.objects.filter(
            title__in=[title["ko"], title["en"]]
        ).first()
        if resource is None:
            resource = LibraryResource()
        resource.title, resource.title_en = title["ko"], title["en"]
        resource.description = description["ko"]
        resource.description_en = description["en"]
        resource.kind = item.choice("kind", ResourceKind)
        resource.category = category
        resource.file = file
        resource.url = item.text("url") if item.has("url") else ""
        resource.language = item.choice("language", CourseLanguage)
        resource.is_published = True
        resource.save()
        tags = item.texts("tags")
        if set(resource.tags.names()) != set(tags):
            resource.tags.set(tags)
        resources.append(resource)
    return resources


def seed_readings() -> int:
    """The courses' reading lists from `demo/courses/readings.yaml` (after the
    research center's publications exist); returns how many readings.

    A list is published with the course as an editor would, so the course's
    revision holds it and publishing records which courses cite what
    (`course_readings_sync`). An unchanged list publishes nothing.
    """
    from research_portal.models import PublicationPage

    from .models import CoursePageReading

    spec = demo_load("courses/readings.yaml")
    publications = {
        page.slug: page
        for page in PublicationPage.objects.filter(locale__language_code="ko")
    }
    total = 0
    for slug in spec.data:
        items = spec.nodes(slug)
        wanted = []
        for item in items:
            name = item.text("publication")
            if name not in publications:
                raise item.error("publication", f"no publication {name!r}")
            wanted.append((name, item.flag("required"), item.bilingual_text("note")))
        for code in LANGUAGES:
            course = CoursePage.objects.filter(
                slug=slug, locale__language_code=code
            ).first()
            if course is None:
                raise spec.error(slug, f"no course {slug!r} in {code}")
            rows = [
                (publications[name].pk, required, note[code])
                for name, required, note in wanted
            ]
            current = [
                (reading.publication_id, reading.is_required, reading.note)
                for reading in course.readings.all()
            ]
            total += len(rows)
            if current == rows:
                continue
            course.readings = [
                CoursePageReading(publication_id=pk, is_required=required, note=note)
                for pk, required, note in rows
            ]
            course.save_revision().publish()
    return total
