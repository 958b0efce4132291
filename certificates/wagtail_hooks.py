"""Admin screens: certificate templates (snippets with a PDF preview), each
course's certificate settings, and links to the staff's certificate register
and course-run pages, grouped in one "Certificates" menu."""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.admin_views import ServiceViewSetMixin
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, everyone, staff_only

from .models import CertificateTemplate, CourseCertificate
from .services import certificate_template_create, certificate_template_update


class CertificateTemplateForm(WagtailAdminModelForm):
    """Ticking 'default' on a second template is allowed: the service retires
    the old default in the same transaction (the constraint stays in the
    database), so the form does not check the one-default constraint itself."""

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"is_default"}


CertificateTemplate.base_form_class = CertificateTemplateForm


class CertificateTemplateViewSet(ServiceViewSetMixin, SnippetViewSet):
    model = CertificateTemplate
    create_service = certificate_template_create
    update_service = certificate_template_update
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


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem("certificates", _("My certificates"), "certificates:wallet", order=40),
        NavItem(
            "certificates-manage",
            _("Certificates"),
            "certificates:manage",
            order=70,
            visible=staff_only,
        ),
        NavItem(
            "certificates-verify",
            _("Verify a certificate"),
            "certificates:verify-lookup",
            order=10,
            visible=everyone,
            menu="footer",
        ),
    ]
