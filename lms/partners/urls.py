from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.dashboard_index, name="index"),
    path("demo-webhook/<slug:slug>/", views.demo_webhook, name="demo-webhook"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path(
        "<slug:slug>/tokens/<int:pk>/rotate/", views.token_rotate, name="token-rotate"
    ),
    path(
        "<slug:slug>/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"
    ),
    path(
        "<slug:slug>/deliveries/<int:pk>/redeliver/",
        views.delivery_redeliver,
        name="delivery-redeliver",
    ),
    path("<slug:slug>/enrolments.csv", views.enrolments_csv, name="enrolments-csv"),
]
