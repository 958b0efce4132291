"""Admin screens: certificate templates (snippets with a PDF preview), each
course's certificate settings, and links to the staff's certificate register
and course-run pages, grouped in one "Certificates" menu."""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CertificateTemplate, CourseCertificate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    add_to_admin_menu = False
    list_display = ["name", "title_ko", "title_en", "is_default", UpdatedAtColumn()]
    search_fields = ["name", "title_ko", "title_en"]


class CourseCertificateViewSet(ModelViewSet):
    model = CourseCertificate
    icon = "doc-full-inverse"
    menu_label = _("Course certificates")
    add_to_admin_menu = False
    list_display = ["course", "template", "issue_on_completion"]
    list_filter = ["issue_on_completion", "template"]
    form_fields = ["course", "template", "issue_on_completion"]


template_viewset = CertificateTemplateViewSet()
course_viewset = CourseCertificateViewSet("course_certificates")
register_snippet(template_viewset)


@hooks.register("register_admin_viewset")
def register_course_certificate_viewset():
    return course_viewset


@hooks.register("register_admin_menu_item")
def register_certificates_menu():
    items = [
        MenuItem(
            _("Issued certificates"),
            reverse_lazy("certificates:manage"),
            icon_name="list-ul",
            order=1,
        ),
        MenuItem(
            _("By course run"),
            reverse_lazy("certificates:manage-runs"),
            icon_name="date",
            order=2,
        ),
        MenuItem(
            _("Templates"),
            reverse(template_viewset.get_url_name("list")),
            icon_name="doc-full",
            order=3,
        ),
        MenuItem(
            _("Course settings"),
            reverse(course_viewset.get_url_name("index")),
            icon_name="cog",
            order=4,
        ),
    ]
    return SubmenuMenuItem(
        _("Certificates"),
        Menu(items=items),
        icon_name="doc-full",
        order=220,
    )
