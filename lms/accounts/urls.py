from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/export/", views.personal_data_export, name="data-export"),
    path("profile/delete/", views.account_deletion_request, name="deletion-request"),
]
