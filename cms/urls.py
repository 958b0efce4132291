"""The town's views, under the language prefixes."""

from django.urls import path

from .town_views import directory

app_name = "cms"

urlpatterns = [
    path("services/", directory.service_directory, name="services"),
]
