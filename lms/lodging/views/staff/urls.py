"""The staff screens' URLs."""

from django.urls import path

from .exports import front_desk_csv, housekeeping_csv, occupancy_csv, stays_csv
from .screens import (
    flagged,
    front_desk,
    housekeeping,
    occupancy,
    reports,
    run_lodging,
    runs,
)
from .stays import (
    out_of_service_new,
    stay_action,
    stay_bed_change_view,
    stay_manage,
    stay_new,
    stay_nights_change_view,
)

urlpatterns = [
    path("staff/", occupancy, name="occupancy"),
    path("staff/front-desk/", front_desk, name="front-desk"),
    path("staff/housekeeping/", housekeeping, name="housekeeping"),
    path("staff/reports/", reports, name="reports"),
    path("staff/flagged/", flagged, name="flagged"),
    path("staff/runs/", runs, name="runs"),
    path("staff/runs/<int:run_id>/", run_lodging, name="run"),
    path("staff/stays/new/", stay_new, name="stay-new"),
    path("staff/stays/<int:stay_id>/", stay_manage, name="stay-manage"),
    path("staff/stays/<int:stay_id>/bed/", stay_bed_change_view, name="stay-bed"),
    path(
        "staff/stays/<int:stay_id>/nights/", stay_nights_change_view, name="stay-nights"
    ),
    path("staff/stays/<int:stay_id>/<slug:action>/", stay_action, name="stay-action"),
    path("staff/out-of-service/new/", out_of_service_new, name="out-of-service-new"),
    path("staff/export/stays.csv", stays_csv, name="stays-csv"),
    path("staff/export/front-desk.csv", front_desk_csv, name="front-desk-csv"),
    path("staff/export/housekeeping.csv", housekeeping_csv, name="housekeeping-csv"),
    path("staff/export/occupancy.csv", occupancy_csv, name="occupancy-csv"),
]
