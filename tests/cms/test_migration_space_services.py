"""Migration 0006 turns a space page's service cards into linked services.

Cards were a StreamField on each language's page; a Korean card and its English
twin share a block id and become one service with both names. The test writes
cards in the old shape, migrates with Django's MigrationExecutor and reads the
services back.
"""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.demo import seed_site
from cms.models import LinkedService, SpaceKind, TownSpacePage

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("cms", "0005_town_schedules")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _card(block_id, title, *, page=None, url="", description=""):
    value = {"title": title, "description": description, "page": page, "url": url}
    return {"type": "service", "id": block_id, "value": value}


@pytest.fixture
def cards():
    seed_site()
    spaces = TownSpacePage.objects.filter(slug="fab-lab")
    korean, english = (
        spaces.get(locale__language_code="ko"),
        spaces.exclude(locale__language_code="ko").get(),
    )
    old = _migrate(BEFORE)
    Page = old.get_model("cms", "TownSpacePage")
    Page.objects.filter(pk=korean.pk).update(
        services=json.dumps(
            [
                _card("a1", "레이저 커터 안내", page=korean.pk, description="장비"),
                _card("b2", "소량 생산 상담", url="https://example.org/consult"),
            ]
        )
    )
    Page.objects.filter(pk=english.pk).update(
        services=json.dumps(
            [
                _card("a1", "Laser cutter guide", page=english.pk),
                _card("b2", "Manufacturing advice", url="https://example.org/c"),
            ]
        )
    )
    try:
        yield {"korean": korean}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_cards_become_one_service_per_card_with_both_names(cards):
    before = LinkedService.objects.count()
    _migrate([("cms", "0006_space_services_are_linked_services")])
    made = LinkedService.objects.filter(sort_order__gte=100).order_by("sort_order")
    assert LinkedService.objects.count() == before + 2
    cutter, advice = made
    assert (cutter.space, cutter.name, cutter.name_en) == (
        SpaceKind.FAB_LAB,
        "레이저 커터 안내",
        "Laser cutter guide",
    )
    assert cutter.summary == "장비"
    assert cutter.target_page_id == cards["korean"].pk
    assert cutter.kind == "resources"
    assert (advice.name_en, advice.kind) == ("Manufacturing advice", "external")
    assert advice.target_url == "https://example.org/consult"
    assert advice.target_page_id is None
