from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("runs/<int:run_id>/enroll/", views.run_enroll, name="run-enroll"),
    path("runs/<int:run_id>/import/", views.run_csv_import, name="run-import"),
    path("runs/<int:run_id>/roster.csv", views.run_roster_csv, name="run-roster"),
    path(
        "enrollments/<int:enrollment_id>/withdraw/",
        views.enrollment_withdraw_view,
        name="enrollment-withdraw",
    ),
    path(
        "lessons/<int:lesson_id>/complete/",
        views.lesson_complete,
        name="lesson-complete",
    ),
    path(
        "courses/<int:course_id>/progress/",
        views.course_progress_view,
        name="course-progress",
    ),
    path("approvals/", views.approvals, name="approvals"),
    path("bookmarks/", views.bookmark_toggle_view, name="bookmark-toggle"),
]
