from django.urls import path

from .views import analytics, assignments, enrollment, gradebook, quizzes

app_name = "learning"

urlpatterns = [
    path("", enrollment.dashboard, name="dashboard"),
    path("runs/<int:run_id>/enroll/", enrollment.run_enroll, name="run-enroll"),
    path("runs/<int:run_id>/import/", enrollment.run_csv_import, name="run-import"),
    path("runs/<int:run_id>/roster.csv", enrollment.run_roster_csv, name="run-roster"),
    path(
        "enrollments/<int:enrollment_id>/withdraw/",
        enrollment.enrollment_withdraw_view,
        name="enrollment-withdraw",
    ),
    path(
        "lessons/<int:lesson_id>/complete/",
        enrollment.lesson_complete,
        name="lesson-complete",
    ),
    path(
        "courses/<int:course_id>/progress/",
        enrollment.course_progress_view,
        name="course-progress",
    ),
    path("approvals/", enrollment.approvals, name="approvals"),
    path("teaching/", enrollment.teaching, name="teaching"),
    path("bookmarks/", enrollment.bookmark_toggle_view, name="bookmark-toggle"),
    *quizzes.urlpatterns,
    *assignments.urlpatterns,
    *gradebook.urlpatterns,
    *analytics.urlpatterns,
]
