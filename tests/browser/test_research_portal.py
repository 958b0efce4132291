"""The research portal in a real browser: search, a facet, a publication, the
PDF download and copying a citation, by keyboard where it matters; axe-core
finds no serious violation on the index, a publication, an author page, the
living labs, in Korean and English.
"""

import datetime as dt

import pytest

from .conftest import axe_inject


@pytest.fixture
def research(demo_site):
    from django.core.files.base import ContentFile
    from filer.models import File
    from wagtail.models import Locale

    from research_portal.models import (
        LivingLabIndexPage,
        LivingLabPage,
        LivingLabPhase,
        PublicationPageFile,
        PublicationType,
    )
    from research_portal.pdf import pdf_with_text
    from tests.factories.research import (
        index_create,
        person_create,
        publication_create,
        series_create,
        topic_create,
    )

    home = demo_site["home"]
    en = Locale.objects.get(language_code="en")
    index = index_create(parent=home)
    index.copy_for_translation(en, copy_parents=False).save_revision().publish()
    author = person_create(
        name="최지훈", name_en="Jihoon Choi", family_name_en="Choi", slug="jihoon-choi"
    )
    topic = topic_create(name="협동조합", name_en="Cooperatives", slug="cooperatives")
    series = series_create(name="전북연구원 정책브리프", slug="jbri-policy-brief")
    care = publication_create(
        index=index,
        title="사회적협동조합의 지역 돌봄 서비스",
        title_en="Local care services of social cooperatives",
        slug="care-cooperatives",
        authors=[author],
        topics=[topic],
    )
    publication_create(
        index=index,
        title="사회적경제 네트워크 혁신타운 조성방안",
        slug="jbri-policy-brief-24",
        publication_type=PublicationType.POLICY_BRIEF,
        series=series,
        volume="24",
        date_published=dt.date(2017, 12, 20),
        abstract="혁신타운의 여섯 구성 요소",
        keywords="혁신타운",
        authors=[author],
    )
    pdf = File.objects.create(
        original_filename="care.pdf",
        name="care",
        is_public=True,
        file=ContentFile(
            pdf_with_text(title="돌봄", paragraphs=["사회적협동조합 돌봄"]),
            name="care.pdf",
        ),
    )
    PublicationPageFile.objects.create(
        page=care, file=pdf, is_main=True, label="본문 PDF", page_count=1
    )
    labs = LivingLabIndexPage(title="리빙랩", slug="living-labs")
    home.add_child(instance=labs)
    labs.save_revision().publish()
    lab = LivingLabPage(
        title="마을 돌봄 리빙랩", slug="village-care", problem="돌봄 공백"
    )
    labs.add_child(instance=lab)
    lab.phases = [LivingLabPhase(title="공동 설계", starts_on=dt.date(2024, 6, 1))]
    lab.publications = [care]
    lab.save_revision().publish()
    return {"care": care}


def _serious_violations(page, axe_js) -> list:
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_search_facet_open_download_and_copy_a_citation(
    browser, page, demo_site, research, axe_js
):
    base = demo_site["url"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base + "/research/")
    assert _serious_violations(page, axe_js) == []

    # search by keyboard: a word inside a compound
    page.focus("#id_q")
    page.keyboard.type("협동조합")
    page.keyboard.press("Enter")
    page.wait_for_url("**/research/?*q=*")
    titles = page.locator(".card-title a")
    assert titles.count() == 1
    assert titles.first.inner_text() == "사회적협동조합의 지역 돌봄 서비스"

    # a facet narrows; its count is shown
    page.goto(base + "/research/")
    page.locator("a[data-facet=series]").first.click()
    page.wait_for_url("**series=jbri-policy-brief*")
    assert page.locator(".card-title a").first.inner_text() == (
        "사회적경제 네트워크 혁신타운 조성방안"
    )

    # open a publication and download its PDF
    page.goto(base + "/research/")
    page.get_by_role("link", name="사회적협동조합의 지역 돌봄 서비스").click()
    page.wait_for_url("**/research/care-cooperatives/")
    assert _serious_violations(page, axe_js) == []
    with page.expect_download() as download:
        page.locator("a.file-download").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # copy the APA citation
    page.locator(".copy-citation").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('copy-status').textContent.length > 0"
    )
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("최지훈")
    assert "사회적협동조합의 지역 돌봄 서비스" in copied


@pytest.mark.parametrize(
    "path",
    [
        "/research/authors/jihoon-choi/",
        "/research/series/jbri-policy-brief/",
        "/living-labs/",
        "/living-labs/village-care/",
        "/en/research/",
        "/en/research/care-cooperatives/",
    ],
)
def test_research_pages_have_no_serious_axe_violations(
    browser, page, demo_site, research, axe_js, path
):
    response = page.goto(demo_site["url"] + path)
    assert response.status == 200
    assert _serious_violations(page, axe_js) == []
