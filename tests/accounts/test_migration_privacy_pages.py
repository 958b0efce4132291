"""Migration 0010 turns every privacy policy version into a page per language.

The test writes a second version in the old table, migrates with Django's
MigrationExecutor and reads the pages back: numbers, dates, both languages'
texts (as paragraphs, escaped), one translation key per version, and the
addresses people already have.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from lms.accounts.consent_defaults import PRIVACY_POLICY_EN, PRIVACY_POLICY_KO
from lms.accounts.models import PrivacyPolicyIndexPage, PrivacyPolicyPage

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0009_privacy_policy_pages")]
AFTER = [("accounts", "0010_privacy_policy_versions_to_pages")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_versions():
    old = _migrate(BEFORE)
    # the state before 0010: the pages made by the migrations are not there yet
    old.get_model("accounts", "PrivacyPolicyPage").objects.all().delete()
    old.get_model("accounts", "PrivacyPolicyIndexPage").objects.all().delete()
    Page = old.get_model("wagtailcore", "Page")
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save()
    # going back re-creates the old table empty: write v1 as 0007 did
    Version = old.get_model("accounts", "PrivacyPolicyVersion")
    Version.objects.create(
        number=1,
        effective_from=datetime.date(2026, 12, 1),
        body_ko=PRIVACY_POLICY_KO,
        body_en=PRIVACY_POLICY_EN,
    )
    Version.objects.create(
        number=2,
        effective_from=datetime.date(2027, 3, 1),
        body_ko="보유 기간을 바꿉니다.\n\n<제3조> 개정",
        body_en="We change the retention.",
        changes_ko="보유 기간",
        changes_en="Retention",
    )
    try:
        yield
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_every_version_becomes_a_korean_page_and_its_english_translation(
    old_versions, client
):
    _migrate(AFTER)
    indexes = PrivacyPolicyIndexPage.objects.order_by("locale__language_code")
    assert [i.locale.language_code for i in indexes] == ["en", "ko"]
    assert len({i.translation_key for i in indexes}) == 1
    pages = PrivacyPolicyPage.objects.order_by("number", "locale__language_code")
    assert [(p.number, p.locale.language_code) for p in pages] == [
        (1, "en"),
        (1, "ko"),
        (2, "en"),
        (2, "ko"),
    ]
    second_en, second_ko = pages[2], pages[3]
    assert second_ko.translation_key == second_en.translation_key
    assert second_ko.body == "<p>보유 기간을 바꿉니다.</p>\n\n<p>&lt;제3조&gt; 개정</p>"
    assert second_en.body == "<p>We change the retention.</p>"
    assert (second_ko.changes, second_en.changes) == ("보유 기간", "Retention")
    assert second_ko.effective_from == datetime.date(2027, 3, 1)
    assert all(p.live for p in pages)
    for page in pages:
        assert page.get_parent().specific_class is PrivacyPolicyIndexPage
    # a well-formed tree: Wagtail can add the next version under it
    from wagtail.models import Page

    assert Page.find_problems() == ([], [], [], [], [])
    with translation.override("en"):
        assert pages[0].url == reverse("accounts:privacy-version", args=[1])
    response = client.get(reverse("accounts:privacy-version", args=[1]))
    assert "개인정보 보호법" in response.content.decode()
