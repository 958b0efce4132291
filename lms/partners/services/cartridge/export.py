"""IMS Common Cartridge 1.3 export of a course (the .imscc a partner imports).

A course page and its modules become the organization tree of
`imsmanifest.xml`; lessons become web content, HTML files with their images
and attachments bundled beside them and links rewritten to those files or to
the other lessons of the package; quizzes become QTI 1.2 assessments of the CC
profile where the question types map (single and multiple choice, true or
false, short answer); assignments become the CC assignment extension and the
course team's discussion prompts discussion topics (`activities.py`), the
topics in a last folder of their own. What does not map is left out
and named in the export report, which the package carries as
`campus_export_report.txt`. A *thin* export holds LTI 1.3 resource links into
our tool instead of the content (`imsbasiclti_xmlv1p3`).

The import of a package is `importer.py`; both speak the names of `names.py`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
    QuizPage,
)

from ...selectors import course_discussion_prompts
from .activities import assignment_xml, discussion_xml
from .manifest import _lti_link, _manifest, _rights_text
from .names import (
    MANIFEST,
    REPORT,
    TYPE_ASSIGNMENT,
    TYPE_DISCUSSION,
    TYPE_LTI,
    TYPE_QTI,
    TYPE_WEBCONTENT,
)
from .package import CartridgeExport, _html_document, _LessonWriter, _Package, _Resource
from .qti_export import _qti_assessment


def _course_pages(course: CoursePage):
    """The live modules and their live lessons, quizzes and assignments, in order."""
    modules = list(CourseModulePage.objects.child_of(course).live().order_by("path"))
    children = {}
    for model in (LessonPage, QuizPage, AssignmentPage):
        for page in model.objects.descendant_of(course).live().order_by("path"):
            children.setdefault(page.path[: -model.steplen], []).append(page)
    return [
        (module, sorted(children.get(module.path, []), key=lambda page: page.path))
        for module in modules
    ]


@dataclass
class _Folder:
    """An organization item that is not a module of ours."""

    pk: str
    title: str


def _discussions(course: CoursePage, package: _Package) -> list[tuple[str, str]]:
    entries = []
    for n, (title, html) in enumerate(course_discussion_prompts(course=course), 1):
        identifier = f"R_d{n}"
        path = package.add_file(
            f"d{n}/topic.xml", discussion_xml(title=title, html=html)
        )
        package.resources.append(_Resource(identifier, TYPE_DISCUSSION, None, [path]))
        entries.append((identifier, title))
    return entries


def cartridge_export(
    *,
    course: CoursePage,
    agreement=None,
    thin: bool = False,
    launch_url: str = "",
) -> CartridgeExport:
    """The course as an IMS Common Cartridge 1.3 package (.imscc).

    `agreement` (a partner's) adds its terms to the licence in the metadata.
    `thin` gives LTI 1.3 links to `launch_url` (our tool's) instead of content.
    Only live pages are exported; nothing is written to the database.
    """
    package = _Package()
    language = "en" if course.course_language == "en" else "ko"
    if course.locale_id and course.locale.language_code.startswith("en"):
        language = "en"
    pages = _course_pages(course)
    folders = {}
    for _module, items in pages:
        for page in items:
            if not isinstance(page, QuizPage):
                folders[page.pk] = f"p{page.pk}"
    # links between pages lead to lessons; an assignment is not a web page
    page_files = {
        page.pk: f"{folders[page.pk]}/index.html"
        for _module, items in pages
        for page in items
        if isinstance(page, LessonPage)
    }

    tree = []
    counts = dict.fromkeys(
        (
            "modules",
            "lessons",
            "quizzes",
            "questions",
            "assignments",
            "discussions",
            "lti_links",
        ),
        0,
    )
    for module, items in pages:
        counts["modules"] += 1
        entries = []
        for page in items:
            identifier = f"R_{page.pk}"
            if thin:
                data = _lti_link(
                    title=page.title,
                    page_id=page.pk,
                    launch_url=launch_url,
                    description=getattr(page, "search_description", "") or "",
                )
                path = package.add_file(f"p{page.pk}/lti_link.xml", data)
                package.resources.append(_Resource(identifier, TYPE_LTI, None, [path]))
                counts["lti_links"] += 1
            elif isinstance(page, QuizPage):
                data, exported = _qti_assessment(page, identifier, package.skipped)
                path = package.add_file(f"q{page.pk}/assessment_qti.xml", data)
                package.resources.append(_Resource(identifier, TYPE_QTI, None, [path]))
                counts["quizzes"] += 1
                counts["questions"] += exported
            elif isinstance(page, AssignmentPage):
                folder = folders[page.pk]
                writer = _LessonWriter(package, folder, page_files)
                html = writer.stream(page.instructions, where=page.title)
                path = package.add_file(
                    f"{folder}/assignment.xml",
                    assignment_xml(page=page, identifier=f"A_{page.pk}", html=html),
                )
                package.resources.append(
                    _Resource(identifier, TYPE_ASSIGNMENT, path, [path, *writer.files])
                )
                counts["assignments"] += 1
            else:
                folder = folders[page.pk]
                writer = _LessonWriter(package, folder, page_files)
                html = writer.stream(page.body, where=page.title)
                index = package.add_file(
                    page_files[page.pk],
                    _html_document(title=page.title, language=language, body=html),
                )
                package.resources.append(
                    _Resource(
                        identifier, TYPE_WEBCONTENT, index, [index, *writer.files]
                    )
                )
                counts["lessons"] += 1
            entries.append((identifier, page.title))
        tree.append((module, entries))
    if not thin:
        entries = _discussions(course, package)
        counts["discussions"] = len(entries)
        if entries:
            tree.append((_Folder("discussions", _("Discussion topics")), entries))

    report_lines = [
        _("Common Cartridge export of “%(course)s”") % {"course": course.title},
        "",
        *(package.skipped or [_("Nothing was left out.")]),
    ]
    report = package.add_file(REPORT, ("\n".join(report_lines) + "\n").encode())
    package.resources.append(_Resource("R_report", TYPE_WEBCONTENT, report, [report]))

    manifest = _manifest(
        course=course,
        language=language,
        rights=_rights_text(course, agreement),
        tree=tree,
        resources=package.resources,
        identifier=f"campus_course_{course.pk}",
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        for path, data in package.files.items():
            archive.writestr(path, data)
    slug = slugify(course.slug)[:60] or f"course-{course.pk}"
    return CartridgeExport(
        content=buffer.getvalue(),
        filename=f"{slug}{'-lti' if thin else ''}.imscc",
        skipped=package.skipped,
        counts=counts,
    )
