from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/export/", views.personal_data_export, name="data-export"),
    path("profile/consent/", views.consent_update, name="consent-update"),
    path("consent/", views.consent_renew, name="consent-renew"),
    path("sessions/end/", views.session_end, name="session-end"),
    path("privacy/", views.privacy_policy, name="privacy"),
    path("privacy/v<int:number>/", views.privacy_policy, name="privacy-version"),
    path("profile/delete/", views.account_deletion_request, name="deletion-request"),
]
