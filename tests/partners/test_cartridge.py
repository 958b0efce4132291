"""IMS Common Cartridge 1.3: the package's structure, the round trip, bad
packages refused whole, who may export and import, and the API endpoint."""

import io
import json
import zipfile
from pathlib import PurePosixPath

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from lxml import etree
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.models import (
    CourseModulePage,
    CoursePage,
    LessonPage,
    Question,
    QuestionOption,
    QuestionType,
    QuizPage,
    QuizPageQuestion,
)
from lms.partners.errors import CartridgeError
from lms.partners.services.cartridge import (
    NS_CP,
    NS_LOM_MANIFEST,
    NS_LTI_CC,
    NS_QTI,
    cartridge_export,
    cartridge_import,
)

from ..factories import (
    CourseModulePageFactory,
    CoursePageFactory,
    LessonPageFactory,
    UserFactory,
)
from .conftest import agreement_make

NS = {"cp": NS_CP, "lomimscc": NS_LOM_MANIFEST, "qti": NS_QTI}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _png(colour="red") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 6), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def rich_course(catalog):
    """Two modules: a lesson with rich text, an image and a link to the next
    lesson; a second lesson; a quiz of every question type."""
    course = CoursePageFactory(
        parent=catalog,
        title="협동조합 경영 기초",
        summary="협동조합을 세우고 운영하는 법",
        licence="cc_by",
    )
    first = CourseModulePageFactory(parent=course, title="1주차: 원칙")
    second = CourseModulePageFactory(parent=course, title="2주차: 운영")
    image = get_image_model()(
        title="원칙 도표", file=ContentFile(_png(), name="principles.png")
    )
    image.save()
    later = LessonPageFactory(parent=second, title="총회 운영")
    lesson = LessonPageFactory(
        parent=first,
        title="협동조합이란",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "일곱 가지 원칙", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": "<p>조합원은 <b>1인 1표</b>를 가집니다. "
                    f'<a linktype="page" id="{later.pk}">다음 차시</a></p>',
                },
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "alt_text": "일곱 원칙 도표",
                        "decorative": False,
                    },
                },
                {"type": "paragraph", "value": "<p>민주적 관리가 핵심입니다.</p>"},
            ]
        ),
    )
    quiz = QuizPage(title="1주차 퀴즈", slug="quiz-1", grade_category="quiz")
    first.add_child(instance=quiz)
    single = Question.objects.create(
        course=course, type=QuestionType.SINGLE, text="협동조합의 의결 원칙은?"
    )
    QuestionOption.objects.create(question=single, text="1인 1표", is_correct=True)
    QuestionOption.objects.create(question=single, text="1주 1표", is_correct=False)
    multiple = Question.objects.create(
        course=course, type=QuestionType.MULTIPLE, text="협동조합 원칙을 모두 고르세요"
    )
    for text, right in (("자율", True), ("독점", False), ("교육", True)):
        QuestionOption.objects.create(question=multiple, text=text, is_correct=right)
    truth = Question.objects.create(
        course=course,
        type=QuestionType.TRUE_FALSE,
        text="협동조합은 영리만을 추구한다",
        correct_boolean=False,
        explanation="사회적 목적도 함께 추구합니다.",
    )
    short = Question.objects.create(
        course=course,
        type=QuestionType.SHORT_TEXT,
        text="협동조합 기본법 시행 연도는?",
        accepted_answers="2012\n2012년",
    )
    numeric = Question.objects.create(
        course=course,
        type=QuestionType.NUMERIC,
        text="원칙은 몇 가지?",
        numeric_answer=7,
    )
    for n, question in enumerate((single, multiple, truth, short, numeric)):
        QuizPageQuestion.objects.create(page=quiz, question=question, sort_order=n)
    course.lesson = lesson
    course.quiz = quiz
    return course


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


# --- the package ----------------------------------------------------------------


def test_export_manifest_is_cc_1_3_and_every_reference_resolves(rich_course):
    package = cartridge_export(course=rich_course)
    archive = _zip(package.content)
    names = set(archive.namelist())
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))

    assert manifest.tag == f"{{{NS_CP}}}manifest"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == (
        "IMS Common Cartridge"
    )
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.3.0"
    lom = manifest.find("cp:metadata/lomimscc:lom", namespaces=NS)
    assert lom.findtext(
        "lomimscc:general/lomimscc:title/lomimscc:string", namespaces=NS
    ) == ("협동조합 경영 기초")
    assert lom.findtext("lomimscc:general/lomimscc:language", namespaces=NS) == "ko"
    assert "CC BY 4.0" in lom.findtext(
        "lomimscc:rights/lomimscc:description/lomimscc:string", namespaces=NS
    )

    resources = {
        r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", NS)
    }
    for resource in resources.values():
        if resource.get("href"):
            assert resource.get("href") in names
        for file in resource.iterfind("cp:file", NS):
            assert file.get("href") in names
    refs = [i.get("identifierref") for i in manifest.iterfind(".//cp:item", NS)]
    assert [ref for ref in refs if ref and ref not in resources] == []

    modules = manifest.findall(
        "cp:organizations/cp:organization/cp:item/cp:item", namespaces=NS
    )
    assert [m.findtext("cp:title", namespaces=NS) for m in modules] == [
        "1주차: 원칙",
        "2주차: 운영",
    ]
    assert [i.findtext("cp:title", namespaces=NS) for i in modules[0]][1:] == [
        "협동조합이란",
        "1주차 퀴즈",
    ]


def test_export_lesson_html_bundles_the_image_and_links_relatively(rich_course):
    archive = _zip(cartridge_export(course=rich_course).content)
    lesson = rich_course.lesson
    html = archive.read(f"p{lesson.pk}/index.html").decode()
    later = LessonPage.objects.get(title="총회 운영")

    assert "<b>1인 1표</b>" in html
    assert 'src="files/principles.png"' in html
    assert f"p{lesson.pk}/files/principles.png" in archive.namelist()
    assert archive.read(f"p{lesson.pk}/files/principles.png") == _png()
    assert f'href="../p{later.pk}/index.html"' in html
    assert "/media/" not in html


def test_export_quiz_is_qti_and_unmapped_types_are_reported(rich_course):
    package = cartridge_export(course=rich_course)
    archive = _zip(package.content)
    qti = etree.fromstring(archive.read(f"q{rich_course.quiz.pk}/assessment_qti.xml"))

    assert qti.tag == f"{{{NS_QTI}}}questestinterop"
    profiles = [
        field.findtext("qti:fieldentry", namespaces=NS)
        for field in qti.iterfind(".//qti:item//qti:qtimetadatafield", NS)
        if field.findtext("qti:fieldlabel", namespaces=NS) == "cc_profile"
    ]
    assert profiles == [
        "cc.multiple_choice.v0p1",
        "cc.multiple_response.v0p1",
        "cc.true_false.v0p1",
        "cc.fib.v0p1",
    ]
    assert package.counts["questions"] == 4
    assert len(package.skipped) == 1 and "원칙은 몇 가지?" in package.skipped[0]
    assert "원칙은 몇 가지?" in archive.read("campus_export_report.txt").decode()


def test_thin_export_has_lti_links_to_our_launch_url(rich_course):
    package = cartridge_export(
        course=rich_course, thin=True, launch_url="https://campus.example/lti/launch/"
    )
    archive = _zip(package.content)
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    lti = [
        r
        for r in manifest.iterfind(".//cp:resource", NS)
        if r.get("type") == "imsbasiclti_xmlv1p3"
    ]
    assert len(lti) == 3  # two lessons and a quiz
    link = etree.fromstring(archive.read(lti[0].find("cp:file", NS).get("href")))
    assert link.tag == f"{{{NS_LTI_CC}}}cartridge_basiclti_link"
    assert "https://campus.example/lti/launch/" in etree.tostring(link).decode()
    assert b"campus_page" in etree.tostring(link)


# --- the round trip ---------------------------------------------------------------


def _outline(course):
    result = []
    for module in CourseModulePage.objects.child_of(course).order_by("path"):
        items = [
            (type(page).__name__, page.title)
            for page in module.get_children().order_by("path").specific()
        ]
        result.append((module.title, items))
    return result


def _questions(quiz):
    found = []
    for link in QuizPageQuestion.objects.filter(page=quiz).order_by("sort_order"):
        q = link.question
        found.append(
            (
                q.type,
                q.text,
                [(o.text, o.is_correct) for o in q.options.order_by("sort_order")],
                q.correct_boolean,
                q.accepted_answer_list,
            )
        )
    return found


def test_round_trip_gives_the_same_outline_text_and_questions(rich_course, catalog):
    staff = UserFactory(is_staff=True)
    package = cartridge_export(course=rich_course)
    report = cartridge_import(
        upload=io.BytesIO(package.content), index=catalog, user=staff
    )
    imported = report.course

    assert imported.title == rich_course.title
    assert imported.summary == rich_course.summary
    assert imported.licence == "cc_by"
    assert not imported.live
    assert _outline(imported) == _outline(rich_course)
    assert not Page.objects.descendant_of(imported, inclusive=True).live().exists()

    lesson = LessonPage.objects.descendant_of(imported).get(title="협동조합이란")
    kinds = [block.block_type for block in lesson.body]
    assert kinds == ["heading", "paragraph", "image", "paragraph"]
    assert lesson.body[0].value["text"] == "일곱 가지 원칙"
    assert "<b>1인 1표</b>" in lesson.body[1].value.source
    later = LessonPage.objects.descendant_of(imported).get(title="총회 운영")
    assert f'linktype="page" id="{later.pk}"' in lesson.body[1].value.source
    image = lesson.body[2].value
    assert image.file.read() == _png()
    assert lesson.body[2].value.contextual_alt_text == "일곱 원칙 도표"
    assert "민주적 관리가 핵심입니다." in lesson.body[3].value.source

    quiz = QuizPage.objects.descendant_of(imported).get()
    assert _questions(quiz) == _questions(rich_course.quiz)[:4]
    assert Question.objects.get(
        course=imported, type=QuestionType.TRUE_FALSE
    ).explanation == ("사회적 목적도 함께 추구합니다.")
    assert (report.modules, report.lessons, report.quizzes, report.questions) == (
        2,
        2,
        1,
        4,
    )
    assert report.images == 1


# --- bad packages -------------------------------------------------------------------


def _package(files: dict[str, bytes | str]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


MINIMAL_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m" xmlns="{NS_CP}">
  <organizations><organization identifier="o" structure="rooted-hierarchy">
    <item identifier="root"><item identifier="m1"><title>Module</title>
      <item identifier="i1" identifierref="r1"><title>Lesson</title></item>
    </item></item>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" href="a/index.html">
      <file href="a/index.html"/></resource>
  </resources>
</manifest>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<manifest xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1">&lol3;</manifest>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<manifest xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1">&xxe;</manifest>"""


def _rows():
    return (
        Page.objects.count(),
        Question.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (io.BytesIO(b"not a zip at all"), "not a Common Cartridge package"),
        (
            _package({"imsmanifest.xml": MINIMAL_MANIFEST, "../evil.html": "x"}),
            "unsafe file path",
        ),
        (
            _package({"imsmanifest.xml": MINIMAL_MANIFEST, "/etc/evil.html": "x"}),
            "unsafe file path",
        ),
        (_package({"a/index.html": "<p>hi</p>"}), "no imsmanifest.xml"),
        (_package({"imsmanifest.xml": BOMB}), "DTD or entities"),
        (_package({"imsmanifest.xml": EXTERNAL}), "DTD or entities"),
        (_package({"imsmanifest.xml": "<manifest"}), "not well-formed"),
        (
            _package(
                {"imsmanifest.xml": MINIMAL_MANIFEST, "a/big.txt": "0" * 3_000_000}
            ),
            "zip bomb",
        ),
    ],
    ids=[
        "not-a-zip",
        "zip-slip",
        "absolute-path",
        "no-manifest",
        "entity-bomb",
        "external-entity",
        "broken-xml",
        "zip-bomb",
    ],
)
def test_bad_packages_are_refused_whole(catalog, upload, message):
    staff = UserFactory(is_staff=True)
    before = _rows()
    with translation.override("en"):
        with pytest.raises(CartridgeError) as refused:
            cartridge_import(upload=upload, index=catalog, user=staff)
        assert message in str(refused.value.message)
    assert _rows() == before


def test_oversized_package_is_refused(catalog, monkeypatch):
    from lms.partners.services.cartridge import archive

    monkeypatch.setattr(archive, "MAX_PACKAGE_BYTES", 1000)
    upload = _package({"imsmanifest.xml": MINIMAL_MANIFEST, "a/index.html": "x" * 5000})
    upload = io.BytesIO(upload.getvalue() + b"\0" * 1000)
    with translation.override("en"), pytest.raises(CartridgeError, match="larger than"):
        cartridge_import(upload=upload, index=catalog, user=UserFactory(is_staff=True))


def test_too_many_items_are_refused(catalog, monkeypatch):
    from lms.partners.services.cartridge import importer

    monkeypatch.setattr(importer, "MAX_ITEMS", 1)
    upload = _package({"imsmanifest.xml": MINIMAL_MANIFEST, "a/index.html": "x"})
    before = _rows()
    with (
        translation.override("en"),
        pytest.raises(CartridgeError, match="more than 1 items"),
    ):
        cartridge_import(upload=upload, index=catalog, user=UserFactory(is_staff=True))
    assert _rows() == before


def test_a_failure_midway_leaves_no_rows_and_no_files(catalog, monkeypatch, tmp_path):
    """An error after images were stored rolls the pages back and deletes them."""
    from lms.partners.services.cartridge import importer as module

    manifest = MINIMAL_MANIFEST.replace(
        '<file href="a/index.html"/>',
        '<file href="a/index.html"/><file href="a/p.png"/>',
    )
    upload = _package(
        {
            "imsmanifest.xml": manifest,
            "a/index.html": '<body><p>x</p><img src="p.png" alt="p"></body>',
            "a/p.png": _png(),
        }
    )

    original = module._Importer._body

    def body_then_fail(self, resource):
        original(self, resource)  # stores the image
        assert self.stored_files
        raise RuntimeError("disk full")

    before = _rows()
    monkeypatch.setattr(module._Importer, "_body", body_then_fail)
    with pytest.raises(RuntimeError):
        cartridge_import(upload=upload, index=catalog, user=UserFactory(is_staff=True))
    assert _rows() == before
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert stored == []


def test_files_of_other_types_and_scripts_are_skipped(catalog):
    manifest = MINIMAL_MANIFEST.replace(
        '<file href="a/index.html"/>',
        '<file href="a/index.html"/><file href="a/run.exe"/>',
    )
    upload = _package(
        {
            "imsmanifest.xml": manifest,
            "a/index.html": '<body><p onclick="x()">안녕<script>alert(1)</script></p>'
            '<a href="run.exe">run</a><a href="javascript:alert(1)">js</a></body>',
            "a/run.exe": "MZ",
        }
    )
    report = cartridge_import(
        upload=upload, index=catalog, user=UserFactory(is_staff=True)
    )
    lesson = LessonPage.objects.descendant_of(report.course).get()
    source = lesson.body[0].value.source
    assert "안녕" in source
    assert "script" not in source and "onclick" not in source
    assert "javascript" not in source and "run.exe" not in source
    assert any("a/run.exe" in line for line in report.skipped)


# --- who may ----------------------------------------------------------------------


@pytest.fixture
def admin_of(db):
    def make(institution):
        person = UserFactory()
        institution.admins.add(person)
        return person

    return make


def test_admin_export_permission_matrix(
    client, rich_course, partner_a, partner_b, admin_of
):
    url = reverse("cartridge:export", args=[rich_course.pk])
    agreement_make(partner_a, [rich_course], licence="adapt")
    agreement_make(partner_b, [], licence="adapt")

    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403

    client.force_login(admin_of(partner_b))
    assert client.get(url).status_code == 403

    client.force_login(admin_of(partner_a))
    response = client.get(url)
    assert response.status_code == 200
    manifest = _zip(response.content).read("imsmanifest.xml").decode()
    assert "한빛대학교" in manifest  # the agreement's terms in the rights

    client.force_login(UserFactory(is_staff=True))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]


def test_partner_admin_without_the_adapt_licence_may_not_export(
    client, rich_course, partner_a, admin_of
):
    agreement_make(partner_a, [rich_course], licence="view")
    client.force_login(admin_of(partner_a))
    url = reverse("cartridge:export", args=[rich_course.pk])
    assert client.get(url).status_code == 403


def test_admin_import_permission_matrix(client, catalog, partner_a, admin_of):
    url = reverse("cartridge:import")
    response = client.get(url)
    assert response.status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(admin_of(partner_a))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


def test_admin_import_creates_a_draft_and_reports(client, rich_course, catalog):
    package = cartridge_export(course=rich_course)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("cartridge:import"),
        {
            "package": SimpleUploadedFile("c.imscc", package.content),
            "catalog": catalog.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["report"].questions == 4
    assert CoursePage.objects.filter(title=rich_course.title, live=False).exists()
    assert "원칙은 몇 가지?" not in response.content.decode()  # not in the package


def test_admin_import_of_a_bad_file_is_a_400_in_the_users_language(client, catalog):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    pages = Page.objects.count()
    response = client.post(
        reverse("cartridge:import"),
        {"package": SimpleUploadedFile("c.imscc", b"hello"), "catalog": catalog.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    # the admin speaks the site's language, Korean
    assert "커먼 카트리지 패키지(.imscc, zip 파일)가" in response.content.decode()
    assert Page.objects.count() == pages


def test_course_page_in_the_admin_offers_the_export_to_staff_only(client, rich_course):
    from courses.services import course_instructor_permissions_sync

    from ..factories import instructor_create

    export = reverse("cartridge:export", args=[rich_course.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[rich_course.pk])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(edit).content.decode()
    assert export in page
    assert (
        reverse("cartridge:import")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    instructor = instructor_create(courses=[rich_course])
    course_instructor_permissions_sync(course=rich_course)
    client.force_login(instructor)
    response = client.get(edit)
    assert response.status_code == 200
    assert export not in response.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("cartridge:import") not in home
    assert client.get(export).status_code == 403


# --- the API -------------------------------------------------------------------------


def test_api_export_with_content_read_under_an_adapt_agreement(
    api_for, partner_a, rich_course
):
    agreement_make(partner_a, [rich_course], licence="adapt")
    api = api_for(partner_a, scopes=["content:read"])
    url = reverse("api:course-cartridge", args=[rich_course.pk])
    response = api.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = _zip(response.content)
    assert "imsmanifest.xml" in archive.namelist()

    thin = api.get(url, {"mode": "thin"})
    assert thin.status_code == 200
    assert b"imsbasiclti_xmlv1p3" in _zip(thin.content).read("imsmanifest.xml")
    assert api.get(url, {"mode": "fat"}).status_code == 400


def test_api_export_refused_without_the_scope_or_the_licence(
    api_for, partner_a, partner_b, rich_course
):
    agreement_make(partner_a, [rich_course], licence="view")
    url = reverse("api:course-cartridge", args=[rich_course.pk])

    wrong_scope = api_for(partner_a, scopes=["catalog:read"])
    assert wrong_scope.get(url).status_code == 403

    response = api_for(partner_a, scopes=["content:read"]).get(
        url, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert "does not allow exporting" in response.json()["detail"]

    other = api_for(partner_b, scopes=["content:read"])
    assert other.get(url).status_code == 404

    from rest_framework.test import APIClient

    assert APIClient().get(url).status_code == 401


def test_api_export_is_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json")
    paths = json.loads(schema.content)["paths"]
    assert "/api/v1/catalog/courses/{id}/cartridge/" in paths


def test_package_paths_are_plain(rich_course):
    for name in _zip(cartridge_export(course=rich_course).content).namelist():
        path = PurePosixPath(name)
        assert not path.is_absolute() and ".." not in path.parts


def test_api_export_query_count_is_pinned(
    api_for, partner_a, rich_course, django_assert_num_queries
):
    """Token, agreement, course, four queries for the tree, then one for the
    images of a lesson that has some, two for each quiz and one for the
    discussion prompts; more plain lessons cost nothing more."""
    agreement_make(partner_a, [rich_course], licence="adapt")
    api = api_for(partner_a, scopes=["content:read"])
    url = reverse("api:course-cartridge", args=[rich_course.pk])
    with django_assert_num_queries(15):
        assert api.get(url).status_code == 200
    module = CourseModulePage.objects.child_of(rich_course).last()
    for _n in range(3):
        LessonPageFactory(parent=module)
    with django_assert_num_queries(15):
        assert api.get(url).status_code == 200
