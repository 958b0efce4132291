"""LTI 1.3 tool URLs, unprefixed by language (platforms store them once)."""

from django.urls import path

from . import views

app_name = "lti"

urlpatterns = [
    path("login/", views.login_initiate, name="login"),
    path("login/<uuid:platform_uuid>/", views.login_initiate, name="login-registered"),
    path("launch/", views.launch, name="launch"),
    path("jwks/", views.jwks, name="jwks"),
    path("resource/<int:pk>/", views.resource, name="resource"),
    path("resource/<int:pk>/page/<int:page_id>/", views.resource, name="resource-page"),
    path("resource/<int:pk>/bind/", views.resource_bind, name="resource-bind"),
    path("deep-link/<str:token>/", views.deep_link, name="deep-link"),
    path("handoff/<str:signed>/", views.handoff, name="handoff"),
    path("register/<str:signed>/", views.dynamic_register, name="register"),
    path("demo/platform/", views.demo_platform, name="demo-platform"),
    path("demo/platform/auth/", views.demo_platform_auth, name="demo-platform-auth"),
]
