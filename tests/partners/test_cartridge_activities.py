"""Assignments and discussion topics in Common Cartridge 1.3: the assignment
extension (`assignment_xmlv1p0`) and imsdt topics (`imsdt_xmlv1p3`) in the
export, their elements in the order the CC schemas define, and the round trip
back into an assignment and a lesson of the prompt."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from lxml import etree
from wagtail.images import get_image_model

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    LessonPage,
    SubmissionType,
)
from lms.community.models import Post, Thread
from lms.community.services.forums import forum_for_run
from lms.partners.services.cartridge import NS_CP, cartridge_export, cartridge_import
from lms.partners.services.cartridge.names import (
    NS_ASSIGNMENT,
    NS_DT,
    NS_XSI,
    TYPE_ASSIGNMENT,
    TYPE_DISCUSSION,
)

from ..factories import (
    CourseModulePageFactory,
    CoursePageFactory,
    CourseRunFactory,
    LessonPageFactory,
    UserFactory,
)
from .test_cartridge import _png

NS = {"cp": NS_CP, "a": NS_ASSIGNMENT, "dt": NS_DT}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _thread(forum, title, body, **fields):
    fields.setdefault("kind", "discussion")
    fields.setdefault("is_pinned", True)
    return Thread.objects.create(
        forum=forum,
        author=fields.pop("author", None),
        title=title,
        body_source=body,
        body_format="html",
        body_html=f"<p>{body}</p>",
        body_text=body,
        last_activity_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def course(catalog):
    """A module with a lesson and an assignment (instructions with an image,
    a rubric, 50 points, files only); a run whose forum holds one prompt of the
    course team and threads that are not prompts."""
    course = CoursePageFactory(parent=catalog, title="사회적기업 창업 실습")
    module = CourseModulePageFactory(parent=course, title="1주차")
    LessonPageFactory(parent=module, title="사업계획서란")
    image = get_image_model()(title="양식", file=ContentFile(_png(), name="form.png"))
    image.save()
    assignment = AssignmentPage(
        title="사업계획서 제출",
        slug="plan",
        grade_category="assignment",
        max_points=Decimal("50.00"),
        submission_type=SubmissionType.FILE,
        instructions=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": "<p>양식에 맞춰 <b>PDF</b>로 내세요.</p>",
                },
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "alt_text": "양식",
                        "decorative": False,
                    },
                },
            ]
        ),
        rubric=json.dumps(
            [
                {
                    "type": "criterion",
                    "value": {
                        "criterion": "사회적 가치",
                        "levels": [
                            {"label": "우수", "points": "30", "description": ""},
                            {"label": "보통", "points": "15", "description": ""},
                        ],
                    },
                }
            ]
        ),
    )
    module.add_child(instance=assignment)
    assignment.save_revision().publish()
    run = CourseRunFactory(course=course)
    forum = forum_for_run(run=run)
    learner = UserFactory(name_ko="김학습")
    prompt = _thread(
        forum, "우리 지역의 사회문제는?", "지역에서 본 문제를 나눠 주세요."
    )
    Post.objects.create(
        thread=prompt,
        author=learner,
        body_source="개인적인 답글",
        body_html="<p>개인적인 답글</p>",
        body_text="개인적인 답글",
    )
    _thread(forum, "질문 있습니다", "고정된 질문", kind="question")
    _thread(forum, "잡담", "고정되지 않은 토론", is_pinned=False)
    _thread(forum, "숨긴 토론", "숨겨진 글", is_hidden=True)
    course.assignment = assignment
    return course


def _zip(package) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(package.content))


def _resources(archive, kind):
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    return manifest, [
        r for r in manifest.iterfind(".//cp:resource", NS) if r.get("type") == kind
    ]


def _local_names(element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_an_assignment_is_the_cc_assignment_extension(course):
    archive = _zip(cartridge_export(course=course))
    _manifest, (resource,) = _resources(archive, TYPE_ASSIGNMENT)
    href = resource.get("href")
    assert href == f"p{course.assignment.pk}/assignment.xml"
    files = [f.get("href") for f in resource.iterfind("cp:file", NS)]
    assert href in files and all(name in archive.namelist() for name in files)

    root = etree.fromstring(archive.read(href))
    assert root.tag == f"{{{NS_ASSIGNMENT}}}assignment"
    assert NS_ASSIGNMENT in root.get(f"{{{NS_XSI}}}schemaLocation")
    # the sequence of the assignment extension's schema
    assert _local_names(root) == [
        "title",
        "text",
        "instructor_text",
        "gradable",
        "submission_formats",
    ]
    assert root.findtext("a:title", namespaces=NS) == "사업계획서 제출"
    text = root.find("a:text", NS)
    assert text.get("texttype") == "text/html"
    assert "<b>PDF</b>" in text.text
    image_src = etree.HTML(text.text).find(".//img").get("src")
    assert f"p{course.assignment.pk}/{image_src}" in files
    assert "사회적 가치" in root.findtext("a:instructor_text", namespaces=NS)
    gradable = root.find("a:gradable", NS)
    assert (gradable.text, gradable.get("points_possible")) == ("true", "50")
    formats = root.findall("a:submission_formats/a:format", NS)
    assert [f.get("type") for f in formats] == ["file"]


def test_discussion_topics_are_the_course_teams_prompts_only(course):
    package = cartridge_export(course=course)
    archive = _zip(package)
    manifest, (resource,) = _resources(archive, TYPE_DISCUSSION)
    assert resource.get("href") is None
    (path,) = [f.get("href") for f in resource.iterfind("cp:file", NS)]
    topic = etree.fromstring(archive.read(path))
    assert topic.tag == f"{{{NS_DT}}}topic"
    assert _local_names(topic) == ["title", "text"]
    assert topic.findtext("dt:title", namespaces=NS) == "우리 지역의 사회문제는?"
    assert topic.find("dt:text", NS).get("texttype") == "text/html"
    assert "지역에서 본 문제" in topic.findtext("dt:text", namespaces=NS)
    # the last folder of the organization holds it
    folder = manifest.findall(".//cp:organization/cp:item/cp:item", NS)[-1]
    assert [i.get("identifierref") for i in folder.iterfind("cp:item", NS)] == [
        resource.get("identifier")
    ]
    everything = b"".join(archive.read(name) for name in archive.namelist())
    for private in ("개인적인 답글", "김학습", "고정된 질문", "숨겨진 글", "잡담"):
        assert private.encode() not in everything
    assert package.counts["discussions"] == 1
    assert package.counts["assignments"] == 1


def test_a_thin_export_has_no_topics(course):
    archive = _zip(cartridge_export(course=course, thin=True, launch_url="https://x/"))
    assert _resources(archive, TYPE_DISCUSSION)[1] == []
    assert _resources(archive, TYPE_ASSIGNMENT)[1] == []


def test_round_trip_gives_back_the_assignment_and_the_prompt(course, catalog):
    with translation.override("en"):
        package = cartridge_export(course=course)
        report = cartridge_import(
            upload=io.BytesIO(package.content),
            index=catalog,
            user=UserFactory(is_staff=True),
        )
    assignment = AssignmentPage.objects.descendant_of(report.course).get()
    assert assignment.title == "사업계획서 제출"
    assert assignment.max_points == Decimal("50")
    assert assignment.submission_type == SubmissionType.FILE
    assert assignment.grade_category == "assignment"
    kinds = [block.block_type for block in assignment.instructions]
    assert kinds == ["paragraph", "image"]
    assert "<b>PDF</b>" in assignment.instructions[0].value.source
    assert assignment.instructions[1].value.file.read() == _png()

    modules = list(CourseModulePage.objects.child_of(report.course).order_by("path"))
    assert [m.title for m in modules] == ["1주차", "Discussion topics"]
    (prompt,) = LessonPage.objects.child_of(modules[1])
    assert prompt.title == "우리 지역의 사회문제는?"
    assert "지역에서 본 문제" in prompt.body[0].value.source
    assert (report.assignments, report.discussions) == (1, 1)
    assert any("discussion topic became a lesson" in line for line in report.skipped)


def _package(files: dict) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" identifier="m">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
  </metadata>
  <organizations><organization identifier="o" structure="rooted-hierarchy">
    <item identifier="root"><item identifier="w"><title>Week</title>
      <item identifier="i1" identifierref="r1"><title>Essay</title></item>
    </item></item>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="assignment_xmlv1p0" href="a/assignment.xml">
      <file href="a/assignment.xml"/></resource>
  </resources>
</manifest>"""


def test_another_lms_assignment_in_plain_text_is_escaped_and_defaults_apply(catalog):
    assignment = f"""<?xml version="1.0" encoding="UTF-8"?>
<assignment xmlns="{NS_ASSIGNMENT}" identifier="x">
  <title>Essay</title>
  <text texttype="text/plain">Write 500 words.
&lt;script&gt;alert(1)&lt;/script&gt;</text>
  <instructor_text>-</instructor_text>
  <gradable points_possible="lots">true</gradable>
  <submission_formats><format type="html"/></submission_formats>
</assignment>"""
    report = cartridge_import(
        upload=_package({"imsmanifest.xml": MANIFEST, "a/assignment.xml": assignment}),
        index=catalog,
        user=UserFactory(is_staff=True),
    )
    page = AssignmentPage.objects.descendant_of(report.course).get()
    source = page.instructions[0].value.source
    assert "Write 500 words." in source
    assert "<script>" not in source
    assert page.max_points == Decimal("100")
    assert page.submission_type == SubmissionType.TEXT
