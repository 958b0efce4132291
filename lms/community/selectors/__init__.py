"""Reads of social learning: forum pages, queues, lists and dashboards.

Every page reads a fixed number of queries whatever the number of rows: the
forum index one page of threads with the reader's unread state as a
subquery, the thread page all replies with their authors at once, and the
reader's votes in one more query.
"""

from .forums import (
    REPLIES_PER_PAGE,
    SEARCH_MAX,
    THREADS_PER_PAGE,
    ReplyNode,
    forum_index,
    forum_title,
    thread_page,
)
from .groups import (
    GROUPS_PER_PAGE,
    cohorts_of_run,
    group_detail,
    group_list,
)
from .home import (
    NOTIFICATIONS_PER_PAGE,
    RunSpace,
    community_home,
    notification_page,
)
from .mentoring import (
    SLOTS_PER_PAGE,
    mentor_active,
    mentoring_mine,
    slot_list_open,
)
from .moderation import (
    LOG_PER_PAGE,
    QUEUE_PER_PAGE,
    moderated_forums,
    moderation_log_page,
    moderation_queue,
)
from .peer_review import (
    peer_review_overview,
    peer_review_settings_due,
    reviews_for_reviewer,
    reviews_received,
)

__all__ = [
    "GROUPS_PER_PAGE",
    "LOG_PER_PAGE",
    "NOTIFICATIONS_PER_PAGE",
    "QUEUE_PER_PAGE",
    "REPLIES_PER_PAGE",
    "ReplyNode",
    "RunSpace",
    "SEARCH_MAX",
    "SLOTS_PER_PAGE",
    "THREADS_PER_PAGE",
    "cohorts_of_run",
    "community_home",
    "forum_index",
    "forum_title",
    "group_detail",
    "group_list",
    "mentor_active",
    "mentoring_mine",
    "moderated_forums",
    "moderation_log_page",
    "moderation_queue",
    "notification_page",
    "peer_review_overview",
    "peer_review_settings_due",
    "reviews_for_reviewer",
    "reviews_received",
    "slot_list_open",
    "thread_page",
]
