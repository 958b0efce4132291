from django.urls import path

from .views import learner, staff

app_name = "lodging"

urlpatterns = [
    path("", learner.my_stays, name="my-stays"),
    path(
        "enrollments/<int:enrollment_id>/hold/",
        learner.stay_hold_view,
        name="stay-hold",
    ),
    path("stays/<int:stay_id>/", learner.stay_detail, name="stay-detail"),
    path(
        "stays/<int:stay_id>/confirm/", learner.stay_confirm_view, name="stay-confirm"
    ),
    path("stays/<int:stay_id>/cancel/", learner.stay_cancel_view, name="stay-cancel"),
    *staff.urlpatterns,
]
