"""Common Cartridge screens of the admin, mounted at /admin/cartridge/."""

from django.urls import path

from . import cartridge_views

app_name = "cartridge"

urlpatterns = [
    path("import/", cartridge_views.course_import, name="import"),
    path("export/<int:page_id>/", cartridge_views.course_export, name="export"),
]
