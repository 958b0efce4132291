"""The learning library speaks the reader's language: a resource's Korean or
English title and description, and its category in the reader's language
whichever language's category it points at."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from courses.models import CourseCategory, LibraryResource

from ..factories import catalog_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories():
    catalog_create()  # the site the pages are served from
    korean = CourseCategory.objects.create(
        name="협동조합 경영",
        slug="coop",
        locale=Locale.objects.get_or_create(language_code="ko")[0],
    )
    english = korean.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0]
    )
    english.name = "Cooperative management"
    english.save()
    return {"ko": korean, "en": english}


@pytest.fixture
def checklist(categories):
    """An English document, described in both languages, filed under the
    English category (as an editor reading the English admin might)."""
    return LibraryResource.objects.create(
        title="협동조합 설립 체크리스트",
        title_en="Cooperative start-up checklist",
        description="설립 절차를 점검표로 정리했습니다.",
        description_en="The steps of founding a cooperative, as a checklist.",
        category=categories["en"],
        language="en",
        url="https://example.org/checklist",
    )


def test_the_korean_library_says_the_korean_title_and_category(client, checklist):
    body = client.get(reverse("courses:library")).content.decode()
    assert "협동조합 설립 체크리스트" in body
    assert "설립 절차를 점검표로 정리했습니다." in body
    assert "협동조합 경영" in body
    assert "Cooperative start-up checklist" not in body
    assert "Cooperative management" not in body
    assert "영어 자료" in body  # the file itself is in English


def test_the_english_library_says_the_english_title_and_category(client, checklist):
    body = client.get("/en" + reverse("courses:library")).content.decode()
    assert 'lang="en"><a' in body
    assert "Cooperative start-up checklist" in body
    assert "Cooperative management" in body
    assert "협동조합 설립 체크리스트" not in body


def test_a_resource_page_in_each_language(client, checklist):
    url = reverse("courses:library-resource", args=[checklist.pk])
    korean = client.get(url).content.decode()
    assert '<h1 lang="ko">협동조합 설립 체크리스트</h1>' in korean
    assert "협동조합 경영" in korean and "Cooperative management" not in korean
    english = client.get("/en" + url).content.decode()
    assert '<h1 lang="en">Cooperative start-up checklist</h1>' in english
    assert "The steps of founding a cooperative, as a checklist." in english


def test_filtering_by_the_korean_category_finds_a_resource_under_the_english_one(
    client, categories, checklist
):
    other = CourseCategory.objects.create(
        name="돌봄", slug="care", locale=categories["ko"].locale
    )
    body = client.get(
        reverse("courses:library"), {"category": categories["ko"].pk}
    ).content.decode()
    assert "협동조합 설립 체크리스트" in body
    body = client.get(reverse("courses:library"), {"category": other.pk}).content
    assert "협동조합 설립 체크리스트" not in body.decode()


def test_searching_finds_the_english_title_too(client, checklist):
    body = client.get(reverse("courses:library"), {"q": "start-up"}).content.decode()
    assert "협동조합 설립 체크리스트" in body


def test_a_resource_described_once_keeps_its_own_language(client, categories):
    LibraryResource.objects.create(
        title="Talk transcript", language="en", url="https://example.org/talk"
    )
    body = client.get(reverse("courses:library")).content.decode()
    assert 'lang="en"><a' in body and "Talk transcript" in body
