"""Every page the demo learner, instructor and staff reach from the home page
and their menus, in Korean, says nothing in English outside user content
(titles and texts people wrote, in whatever language they wrote them)."""

import re

import pytest
from django.core.management import call_command

from .english_crawl import crawl

PEOPLE = ["learner@campus.example", "instructor@campus.example", "staff@campus.example"]


def _user_texts() -> set[str]:
    """What people wrote: page titles, runs, resources, groups, names …"""
    from django.apps import apps

    texts: set[str] = set()
    fields = {
        "wagtailcore.Page": ["title"],
        "learning.CourseRun": ["title_ko", "title_en"],
        "community.Cohort": ["name"],
        "accounts.User": ["name_en", "email"],
        "accounts.Organization": ["name_en"],
        "community.Notification": ["title", "body"],
        # what researchers and partners wrote: titles, journals, publishers
        "research_portal.PublicationPage": [
            "title",
            "title_en",
            "subtitle",
            "abstract_en",
            "keywords",
            "publisher",
            "place",
            "container_title",
            "funder",
            "project",
        ],
        "research_portal.Series": ["name_en", "publisher", "publisher_en"],
        "research_portal.Person": ["name_en", "affiliation_en"],
        "research_portal.Topic": ["name_en"],
        "partners.PartnerCourse": ["title", "summary"],
        "partners.PartnerInstitution": ["name_en"],
    }
    for label, names in fields.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for row in model.objects.values_list(*names):
            texts.update(re.sub(r"\s+", " ", value) for value in row if value)
    # the catalog's categories in Korean: an English one on a Korean page is a
    # mistake (the library showed the category a resource points at, in its
    # language); library resources are described in Korean, so not listed here
    from courses.models import CourseCategory

    texts.update(
        CourseCategory.objects.filter(locale__language_code="ko").values_list(
            "name", flat=True
        )
    )
    # proper names inside lesson bodies that editors wrote
    texts.add("Social Value International")
    return texts


@pytest.mark.django_db
def test_korean_pages_say_nothing_in_english(client):
    call_command("seed_demo", verbosity=0)
    from lms.accounts.models import User

    user_texts = _user_texts()
    found = {}
    for email in PEOPLE:
        client.force_login(User.objects.get(email=email))
        report, seen = crawl(client, start=["/"], user_texts=user_texts, limit=100)
        assert len(seen) > 20, email
        found.update({f"{email} {path}": runs for path, runs in report.items()})
    assert found == {}
