from django.urls import path

from .views import attendance, sessions, staff

app_name = "timetable"

urlpatterns = [
    path("", staff.timetable_view, name="timetable"),
    path("my/", sessions.my_calendar, name="my-calendar"),
    path("my/rotate/", sessions.feed_rotate, name="feed-rotate"),
    path("sessions/new/", staff.session_new, name="session-new"),
    path("sessions/<int:session_id>/", sessions.session_detail, name="session"),
    path("sessions/<int:session_id>/edit/", staff.session_edit, name="session-edit"),
    path(
        "sessions/<int:session_id>/cancel/",
        staff.session_cancel_view,
        name="session-cancel",
    ),
    path(
        "meetings/<int:occurrence_id>/cancel/",
        staff.occurrence_cancel_view,
        name="occurrence-cancel",
    ),
    path(
        "meetings/<int:occurrence_id>/attendance/",
        attendance.attendance_roster_view,
        name="attendance",
    ),
    path("meetings/<int:occurrence_id>/qr/", attendance.checkin_qr, name="checkin-qr"),
    path("check-in/<str:code>/", attendance.check_in, name="check-in"),
    path("runs/<int:run_id>/", sessions.run_schedule_view, name="run-schedule"),
    path("rooms/<int:room_id>/", sessions.room_detail, name="room"),
]
