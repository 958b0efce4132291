"""The research center's demo content: every type, two series, a living lab, and
the same state when seeded twice."""

from wagtail.models import Locale

from cms.demo import research_services_seed, seed_site
from cms.models import LinkedService, SpaceKind, TownSpacePage
from lms.accounts.demo import seed_people
from research_portal.demo import seed_research
from research_portal.models import (
    LivingLabPage,
    OaiRecord,
    PublicationPage,
    PublicationType,
    Series,
)
from research_portal.selectors import publication_list_published


def _seed():
    home = seed_site()
    home_en = home.get_translation(Locale.objects.get(language_code="en"))
    people = seed_people()
    research = seed_research(home_ko=home, home_en=home_en, people=people)
    research_services_seed(
        publications=research["index_ko"], living_labs=research["labs_ko"]
    )
    return research


def test_demo_has_every_type_two_series_a_living_lab_and_is_idempotent(db, client):
    research = _seed()
    published = publication_list_published()
    assert published.count() >= 15
    assert set(published.values_list("publication_type", flat=True)) == set(
        PublicationType.values
    )
    assert Series.objects.count() == 2
    founding = published.get(slug="jbri-policy-brief-24")
    assert founding.series.name == "전북연구원 정책브리프"
    assert founding.volume == "24"
    assert founding.date_published.isoformat() == "2017-12-20"
    assert founding.body[0].block_type == "table"
    assert len(founding.body[0].value["rows"]) == 6
    # the researcher's account is an author
    assert founding.authors.filter(
        person__user__email="researcher@campus.example"
    ).exists()
    # PDFs with Korean text were read for search
    assert "사회적협동조합" in published.get(slug="town-tenants-dataset-2025").full_text
    # each publication is on the English site as an alias
    assert PublicationPage.objects.filter(alias_of=founding).count() == 1
    assert LivingLabPage.objects.filter(alias_of__isnull=True).count() == 1
    assert OaiRecord.objects.filter(deleted=False).count() == published.count()

    counts = (
        PublicationPage.objects.count(),
        OaiRecord.objects.count(),
        LivingLabPage.objects.count(),
    )
    _seed()
    assert (
        PublicationPage.objects.count(),
        OaiRecord.objects.count(),
        LivingLabPage.objects.count(),
    ) == counts

    # the research center's service cards lead to the portal, in each language
    assert (
        LinkedService.objects.filter(space=SpaceKind.RESEARCH, kind="resources").count()
        == 2
    )
    spaces = TownSpacePage.objects.filter(slug="research-center")
    korean = client.get(spaces.get(locale__language_code="ko").url).content.decode()
    assert f'href="{research["index_ko"].url}"' in korean
    assert f'href="{research["labs_ko"].url}"' in korean
    english = client.get(spaces.get(locale__language_code="en").url).content.decode()
    assert "Living labs" in english
    assert f'href="{research["labs_en"].url}"' in english
