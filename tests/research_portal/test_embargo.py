"""Embargoed files are hidden until their day and released on it by Celery
beat, with no one's help: the page offers the PDF, harvesters see a new
datestamp. The clock is frozen."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.base import ContentFile
from django_celery_beat.models import PeriodicTask
from filer.models import File

from research_portal.models import OaiRecord, PublicationPageFile
from research_portal.tasks import publication_embargoes_release

from ..factories.research import publication_create

SEOUL = ZoneInfo("Asia/Seoul")


def test_celery_beat_runs_the_release_every_night(db):
    task = PeriodicTask.objects.get(name="research portal: release embargoed files")
    assert task.task == "research_portal.tasks.publication_embargoes_release"
    assert (task.crontab.hour, task.crontab.minute) == ("0", "5")


def test_an_embargoed_file_is_released_on_its_day(client, index, author):
    with time_machine.travel(dt.datetime(2026, 3, 1, 10, tzinfo=SEOUL), tick=False):
        page = publication_create(index=index, authors=[author])
        file = File.objects.create(
            original_filename="final.pdf",
            name="final",
            is_public=True,
            file=ContentFile(b"%PDF-1.4 final", name="final.pdf"),
        )
        PublicationPageFile.objects.create(
            page=page, file=file, is_main=True, embargo_until=dt.date(2026, 3, 10)
        )
        page.save_revision().publish()
    before = OaiRecord.objects.get(publication_id=page.pk).datestamp

    with time_machine.travel(dt.datetime(2026, 3, 9, 23, 0, tzinfo=SEOUL), tick=False):
        assert publication_embargoes_release.delay().get() == []
        body = client.get(f"/research/{page.slug}/").content.decode()
        link = f"/research/{page.slug}/files/{page.files.get().pk}/"
        assert link not in body
        assert "citation_pdf_url" not in body
        file.refresh_from_db()
        assert file.is_public is False  # kept in private storage meanwhile
        assert "2026-03-10" in body  # "embargoed until"

    with time_machine.travel(dt.datetime(2026, 3, 10, 0, 5, tzinfo=SEOUL), tick=False):
        assert publication_embargoes_release.delay().get() == [page.pk]
        record = OaiRecord.objects.get(publication_id=page.pk)
        assert record.datestamp > before
        assert record.datestamp == dt.datetime(2026, 3, 9, 15, 5, tzinfo=dt.UTC)
        body = client.get(f"/research/{page.slug}/").content.decode()
        assert link in body
        assert "citation_pdf_url" in body
        file.refresh_from_db()
        assert file.is_public is True  # moved to public storage on release
        # run twice, released once
        assert publication_embargoes_release.delay().get() == []
