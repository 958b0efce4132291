"""The research portal's own admin screens (mounted under /admin/research/)."""

from django.urls import path

from . import admin_views

app_name = "research_admin"
urlpatterns = [
    path("import/", admin_views.publication_import, name="import"),
]
