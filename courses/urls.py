from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.library_index, name="library"),
    path("<int:pk>/", views.library_resource, name="library-resource"),
    path("<int:pk>/download/", views.library_download, name="library-download"),
]
