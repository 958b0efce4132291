from django.urls import path

from .views import cohorts, forums, groups, mentoring, moderation, notifications
from .views import peer_review as reviews

app_name = "community"

urlpatterns = [
    path("", forums.home, name="home"),
    # forums
    path("runs/<int:run_id>/forum/", forums.run_forum, name="run-forum"),
    path("cohorts/<int:cohort_id>/forum/", forums.cohort_forum, name="cohort-forum"),
    path("forums/<int:forum_id>/", forums.forum_view, name="forum"),
    path("forums/<int:forum_id>/new/", forums.thread_new, name="thread-new"),
    path("forums/<int:forum_id>/read/", forums.forum_read_all, name="forum-read"),
    path("threads/<int:thread_id>/", forums.thread_view, name="thread"),
    path("threads/<int:thread_id>/reply/", forums.reply_create, name="reply"),
    path("threads/<int:thread_id>/edit/", forums.thread_edit, name="thread-edit"),
    path("threads/<int:thread_id>/follow/", forums.thread_follow, name="follow"),
    path("threads/<int:thread_id>/flag/", forums.flag, name="flag"),
    path("threads/<int:thread_id>/delete/", forums.content_delete, name="delete"),
    path("posts/<int:post_id>/edit/", forums.post_edit, name="post-edit"),
    path("posts/<int:post_id>/vote/", forums.post_vote, name="vote"),
    path("posts/<int:post_id>/accept/", forums.post_accept, name="accept"),
    path("posts/<int:post_id>/endorse/", forums.post_endorse, name="endorse"),
    # moderation
    path("moderation/", moderation.queue, name="moderation-queue"),
    path("moderation/log/", moderation.log, name="moderation-log"),
    path(
        "threads/<int:thread_id>/moderate/<slug:action>/",
        moderation.act,
        name="moderate",
    ),
    path("forums/<int:forum_id>/ban/<int:user_id>/", moderation.ban, name="ban"),
    path("forums/<int:forum_id>/unban/<int:user_id>/", moderation.unban, name="unban"),
    # notifications
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<int:notification_id>/",
        notifications.notification_open,
        name="notification-open",
    ),
    path(
        "notifications/read/",
        notifications.notification_read_all,
        name="notifications-read",
    ),
    path(
        "notifications/preferences/",
        notifications.preferences,
        name="notification-preferences",
    ),
    # study groups
    path("groups/", groups.group_list, name="groups"),
    path("groups/new/", groups.group_create, name="group-new"),
    path("groups/<int:group_id>/", groups.group_detail, name="group-detail"),
    path("groups/<int:group_id>/join/", groups.group_join, name="group-join"),
    path("groups/<int:group_id>/leave/", groups.group_leave, name="group-leave"),
    path("groups/<int:group_id>/decline/", groups.group_decline, name="group-decline"),
    path("groups/<int:group_id>/invite/", groups.group_invite, name="group-invite"),
    path("groups/<int:group_id>/meetings/", groups.meeting_create, name="meeting-new"),
    path(
        "meetings/<int:meeting_id>/cancel/",
        groups.meeting_cancel,
        name="meeting-cancel",
    ),
    # mentoring
    path("mentoring/", mentoring.slot_list, name="mentoring"),
    path("mentoring/mine/", mentoring.mine, name="mentoring-mine"),
    path("mentoring/new/", mentoring.slot_create, name="slot-new"),
    path("mentoring/<int:slot_id>/book/", mentoring.slot_book, name="slot-book"),
    path("mentoring/<int:slot_id>/cancel/", mentoring.slot_cancel, name="slot-cancel"),
    path(
        "bookings/<int:booking_id>/cancel/",
        mentoring.booking_cancel,
        name="booking-cancel",
    ),
    # peer review
    path("reviews/", reviews.reviews, name="reviews"),
    path("reviews/<int:review_id>/", reviews.review_detail, name="review-detail"),
    path("reviews/<int:review_id>/file/", reviews.review_file, name="review-file"),
    path(
        "assignments/<int:assignment_id>/reviews/",
        reviews.received,
        name="reviews-received",
    ),
    path(
        "assignments/<int:assignment_id>/peer-review/",
        reviews.overview,
        name="review-overview",
    ),
    path(
        "assignments/<int:assignment_id>/peer-review/start/",
        reviews.start,
        name="review-start",
    ),
    # cohorts
    path("runs/<int:run_id>/cohorts/", cohorts.cohorts, name="cohorts"),
    path("runs/<int:run_id>/cohorts/new/", cohorts.cohort_create, name="cohort-new"),
    path("runs/<int:run_id>/cohorts/fill/", cohorts.cohorts_fill, name="cohorts-fill"),
    path(
        "runs/<int:run_id>/cohorts/move/",
        cohorts.cohort_member_move,
        name="cohort-move",
    ),
]
