"""Feed URLs, outside the language prefixes: calendar clients keep them."""

from django.urls import path

from .views import feeds

app_name = "timetable-feeds"

urlpatterns = [
    path("runs/<int:run_id>.ics", feeds.run_feed, name="run"),
    path("rooms/<int:room_id>.ics", feeds.room_feed, name="room"),
    path("sessions/<int:session_id>.ics", feeds.session_ics, name="session"),
    path("<str:token>.ics", feeds.personal_feed, name="personal"),
]
