"""Editors pick django-filer files in pages: a chooser, a panel and a block."""

import pytest
from django.core.files.base import ContentFile
from filer.models import File, Folder
from wagtail.admin.panels import get_edit_handler

from cms.models import StandardPage
from lms.core.blocks import BaseStreamBlock
from lms.core.filer_chooser import filer_file_chooser_viewset

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    folder = Folder.objects.create(name="가이드")
    return File.objects.create(
        folder=folder,
        file=ContentFile(b"%PDF-1.4 guide", name="cooperative-guide.pdf"),
        original_filename="협동조합 설립 안내.pdf",
        name="협동조합 설립 안내",
    )


def test_chooser_lists_and_searches_library_files(client, staff_user, library_file):
    File.objects.create(file=ContentFile(b"x", name="other.txt"), name="회계 서식")
    client.force_login(staff_user)
    response = client.get("/admin/filer_file_chooser/")
    assert response.status_code == 200
    assert "협동조합 설립 안내" in response.json()["html"]
    response = client.get("/admin/filer_file_chooser/results/", {"q": "회계"})
    assert response.status_code == 200
    assert "회계 서식" in response.content.decode()
    assert "협동조합 설립 안내" not in response.content.decode()


def test_chooser_is_closed_to_learners_and_visitors(client, user):
    assert client.get("/admin/filer_file_chooser/").status_code == 302
    client.force_login(user)
    assert client.get("/admin/filer_file_chooser/").status_code == 302


def test_chosen_file_comes_back_to_the_page_editor(client, staff_user, library_file):
    client.force_login(staff_user)
    response = client.get(f"/admin/filer_file_chooser/chosen/{library_file.pk}/")
    assert response.status_code == 200
    assert response.json()["result"]["id"] == str(library_file.pk)


def test_the_attachment_panel_uses_the_chooser_widget():
    form_class = get_edit_handler(StandardPage).get_form_class()
    widget = form_class.base_fields["attachment"].widget
    assert isinstance(widget, filer_file_chooser_viewset.widget_class)


def test_document_block_renders_a_download_link(library_file):
    block = BaseStreamBlock()
    value = block.to_python(
        [{"type": "document", "value": {"file": library_file.pk, "title": ""}}]
    )
    html = block.render(value)
    assert f'href="{library_file.url}"' in html
    assert "협동조합 설립 안내" in html
    assert "PDF" in html
