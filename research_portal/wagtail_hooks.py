"""The research portal in the Wagtail admin: the bulk import's menu item."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .selectors import publication_index_list_addable


class PublicationImportMenuItem(MenuItem):
    def is_shown(self, request):
        # asked once a request: every admin page draws the menu
        if not hasattr(request, "_may_import_publications"):
            request._may_import_publications = bool(
                publication_index_list_addable(user=request.user)
            )
        return request._may_import_publications


@hooks.register("register_admin_menu_item")
def publication_import_menu_item():
    return PublicationImportMenuItem(
        _("Import publications"),
        reverse("research_admin:import"),
        icon_name="upload",
        order=230,
    )
