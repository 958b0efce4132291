"""Usage statistics in the manner of COUNTER Release 5, and how files are served:
open files from public storage, restricted ones as attachments from private
storage, embargoed ones to no one."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone
from filer.models import File

from lms.accounts.models import Role
from research_portal import usage
from research_portal.models import (
    FileAccess,
    PublicationPageFile,
    UsageEvent,
    UsageSalt,
)
from research_portal.selectors import usage_monthly, usage_report
from research_portal.services import (
    publication_files_storage_sync,
    usage_record,
    usage_salts_prune,
)
from tests.factories import UserFactory

from ..factories.research import person_create, publication_create

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
NOON = timezone.make_aware(dt.datetime(2026, 11, 10, 12, 0, 5))


def _request(*, agent=BROWSER, address="203.0.113.7", user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    return request


def _file(name: str, *, access=FileAccess.OPEN, page, embargo_until=None):
    file = File.objects.create(
        original_filename=f"{name}.pdf",
        name=name,
        file=ContentFile(b"%PDF-1.4 " + name.encode(), name=f"{name}.pdf"),
    )
    return PublicationPageFile.objects.create(
        page=page,
        file=file,
        is_main=access == FileAccess.OPEN,
        access=access,
        embargo_until=embargo_until,
    )


def _login_as(client, role=None, **fields):
    user = UserFactory(**fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


# --- counting rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "robot"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 1),
        ("python-requests/2.31.0", 1),
        ("", 1),
        ("Wget/1.21", 1),
        (BROWSER, 0),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36", 0),
    ],
)
def test_the_counter_robots_list_decides_who_is_a_robot(agent, robot):
    assert usage.is_robot(agent) is bool(robot)


def test_robots_are_not_counted(index):
    page = publication_create(index=index)
    bot = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
    assert usage_record(request=_request(agent=bot), page=page, now=NOON) is False
    assert not UsageEvent.objects.exists()


def test_a_double_click_counts_once_and_a_later_view_again(index):
    page = publication_create(index=index)
    request = _request()
    assert usage_record(request=request, page=page, now=NOON)
    assert not usage_record(
        request=request, page=page, now=NOON + dt.timedelta(seconds=29)
    )
    assert usage_record(request=request, page=page, now=NOON + dt.timedelta(seconds=31))
    # another visitor at the same moment is not a double click
    other = _request(address="198.51.100.4")
    assert usage_record(request=other, page=page, now=NOON + dt.timedelta(seconds=1))
    assert UsageEvent.objects.count() == 3


def test_unique_counts_take_each_visitor_once_an_hour(index):
    page = publication_create(index=index)
    item = _file("report", page=page)
    reader = _request()
    for minutes in (0, 5, 20):  # one session: three views, one download
        usage_record(
            request=reader, page=page, now=NOON + dt.timedelta(minutes=minutes)
        )
    usage_record(request=reader, page=page, file=item, now=NOON)
    usage_record(request=reader, page=page, now=NOON + dt.timedelta(hours=1))
    usage_record(request=_request(address="198.51.100.4"), page=page, now=NOON)
    with timezone.override("Asia/Seoul"):
        figures = usage_report(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 1))
    ((publication, by_month),) = figures
    month = by_month[dt.date(2026, 11, 1)]
    # every request is an investigation too
    assert (month.investigations, month.unique_investigations) == (6, 3)
    assert (month.requests, month.unique_requests) == (1, 1)
    assert publication.pk == page.pk


def test_no_address_is_stored_and_the_salt_changes_every_day(index):
    page = publication_create(index=index)
    request = _request(address="203.0.113.7")
    usage_record(request=request, page=page, now=NOON)
    usage_record(request=request, page=page, now=NOON + dt.timedelta(days=1))
    first, second = UsageEvent.objects.order_by("at")
    assert "203.0.113.7" not in first.visitor + first.session
    assert first.visitor != second.visitor  # a new day, a new salt
    assert UsageSalt.objects.count() == 2
    assert usage_salts_prune(today=dt.date(2026, 11, 11)) == 1
    assert list(UsageSalt.objects.values_list("day", flat=True)) == [
        dt.date(2026, 11, 11)
    ]


def test_a_signed_in_reader_is_one_visitor_on_any_address(index):
    page = publication_create(index=index)
    user = UserFactory()
    usage_record(request=_request(user=user, address="1.1.1.1"), page=page, now=NOON)
    usage_record(
        request=_request(user=user, address="2.2.2.2"),
        page=page,
        now=NOON + dt.timedelta(seconds=10),
    )
    assert UsageEvent.objects.count() == 1  # the second is a double click


# --- the landing page and the files ----------------------------------------------


def test_the_landing_page_counts_a_view_and_shows_the_monthly_chart(client, index):
    page = publication_create(index=index)
    response = client.get(f"/research/{page.slug}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert UsageEvent.objects.filter(page=page, is_request=False).count() == 1
    html = response.content.decode()
    assert 'id="chart-usage"' in html
    months = usage_monthly(page=page)
    assert len(months) == 12 and months[-1].investigations == 1
    # the English alias counts for the same publication
    client.get(f"/en/research/{page.slug}/", HTTP_USER_AGENT="Other browser 1.0")
    assert UsageEvent.objects.filter(page=page).count() == 2


def test_an_open_file_is_served_inline_and_counted_as_a_request(client, index):
    page = publication_create(index=index)
    item = _file("open-report", page=page)
    publication_files_storage_sync(page=page)
    item.file.refresh_from_db()
    assert item.file.is_public
    response = client.get(
        f"/research/{page.slug}/files/{item.pk}/", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4 open-report")
    assert UsageEvent.objects.get(page=page).is_request
    # the Highwire tag points at the same view, on the same host
    landing = client.get(f"/research/{page.slug}/").content.decode()
    assert f'content="http://testserver/research/{page.slug}/files/{item.pk}/"' in (
        landing
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("learner", 403),
        ("instructor", 403),
        ("researcher", 200),
        ("staff", 200),
    ],
)
def test_a_restricted_file_comes_from_private_storage_to_researchers_and_staff(
    client, index, who, status
):
    page = publication_create(index=index)
    item = _file("internal", page=page, access=FileAccess.RESTRICTED)
    page.save_revision().publish()  # publishing moves it to private storage
    item.file.refresh_from_db()
    assert item.file.is_public is False
    stored = Path(item.file.file.path).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    role = {
        "instructor": Role.INSTRUCTOR,
        "researcher": Role.RESEARCHER,
    }.get(who)
    if who == "staff":
        _login_as(client, is_staff=True)
    elif who != "anonymous":
        _login_as(client, role)
    response = client.get(
        f"/research/{page.slug}/files/{item.pk}/", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert 'filename="internal.pdf"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
    assert UsageEvent.objects.filter(is_request=True).count() == (status == 200)


def test_an_embargoed_file_is_there_for_no_one_until_its_day(client, index):
    page = publication_create(index=index)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    item = _file("later", page=page, embargo_until=tomorrow)
    page.save_revision().publish()
    item.file.refresh_from_db()
    assert item.file.is_public is False
    _login_as(client, is_staff=True)
    assert client.get(f"/research/{page.slug}/files/{item.pk}/").status_code == 404
    # a file of another publication is not reachable through this one
    other = publication_create(index=index)
    theirs = _file("theirs", page=other)
    assert client.get(f"/research/{page.slug}/files/{theirs.pk}/").status_code == 404


# --- the figures pages ------------------------------------------------------------


@pytest.fixture
def used(index):
    """Two publications with use this month: one by the researcher."""
    researcher = UserFactory(email="researcher@example.org")
    researcher.groups.add(Group.objects.get(name=Role.RESEARCHER))
    mine = publication_create(
        index=index, authors=[person_create(name="연구자", user=researcher)]
    )
    theirs = publication_create(index=index)
    now = timezone.now()
    usage_record(request=_request(), page=mine, now=now)
    usage_record(request=_request(address="198.51.100.4"), page=mine, now=now)
    usage_record(request=_request(), page=theirs, now=now)
    return {"researcher": researcher, "mine": mine, "theirs": theirs}


def test_a_researcher_sees_the_figures_of_their_own_publications(client, used):
    client.force_login(used["researcher"])
    response = client.get("/research/usage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert used["mine"].title in html
    assert used["theirs"].title not in html
    assert "usage/csv/" not in html
    assert client.get("/research/usage/csv/").status_code == 403


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("learner", 403)])
def test_the_figures_are_not_for_everyone(client, used, who, status):
    if who == "learner":
        _login_as(client)
    assert client.get("/research/usage/").status_code == status
    assert client.get("/research/usage/csv/").status_code == status


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_staff_download_the_item_report_in_counter_terms(client, used, index):
    _login_as(client, is_staff=True)
    html = client.get("/en/research/usage/").content.decode()
    assert used["mine"].title_en in html and used["theirs"].title_en in html
    # more publications in use, not more queries (each measured once warm)
    client.get("/research/usage/")
    few = _queries(client, "/research/usage/")
    for _n in range(4):
        usage_record(request=_request(), page=publication_create(index=index))
    client.get("/research/usage/")  # publishing cleared the cached site roots
    assert _queries(client, "/research/usage/") == few <= 12
    response = client.get("/research/usage/csv/")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[2:4] == ["Metric_Type", "Reporting_Period_Total"]
    assert len(header) == 4 + 12
    mine = {row[2]: row for row in body if row[0] == used["mine"].title}
    assert set(mine) == {
        "Total_Item_Investigations",
        "Unique_Item_Investigations",
        "Total_Item_Requests",
        "Unique_Item_Requests",
    }
    assert mine["Total_Item_Investigations"][3] == "2"
    assert mine["Unique_Item_Investigations"][-1] == "2"
    assert mine["Total_Item_Requests"][3] == "0"
