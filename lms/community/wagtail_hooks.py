"""Admin screens of social learning: cohorts, cohort-only lessons, peer review
settings, mentors and bans; the moderation queue in the admin menu.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from courses.hooks import LESSON_GATE_HOOK
from lms.core.admin_views import ServiceViewSetMixin
from lms.core.calendar import CALENDAR_ENTRIES_HOOK
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, signed_in

from . import calendar, gates, services
from .models import (
    Cohort,
    ForumBan,
    LessonCohortRestriction,
    MentorProfile,
    PeerReviewSettings,
    RunCohortSettings,
    StudyGroup,
)


def cohort_admin_create(*, actor, fields):
    return services.cohort_create(
        run=fields["run"],
        name=fields["name"],
        description=fields.get("description", ""),
        actor=actor,
    )


def cohort_admin_update(*, instance, actor, fields):
    # a cohort keeps its run: its members are the run's learners
    return services.cohort_update(
        cohort=instance,
        name=fields["name"],
        description=fields.get("description", ""),
        actor=actor,
    )


class CohortViewSet(ServiceViewSetMixin, ModelViewSet):
    model = Cohort
    create_service = cohort_admin_create
    update_service = cohort_admin_update
    icon = "group"
    menu_label = _("Cohorts")
    list_display = ["name", "run", "created_at"]
    list_filter = ["run"]
    search_fields = ["name"]
    form_fields = ["run", "name", "description"]


class RunCohortSettingsViewSet(ModelViewSet):
    model = RunCohortSettings
    icon = "cogs"
    menu_label = _("Automatic cohorts")
    list_display = ["run", "auto_assign"]
    form_fields = ["run", "auto_assign"]


class LessonCohortRestrictionViewSet(ModelViewSet):
    model = LessonCohortRestriction
    icon = "lock"
    menu_label = _("Cohort-only lessons")
    list_display = ["page", "note"]
    form_fields = ["page", "cohorts", "note"]


class PeerReviewSettingsViewSet(ModelViewSet):
    model = PeerReviewSettings
    icon = "tasks"
    menu_label = _("Peer review")
    list_display = [
        "assignment",
        "is_enabled",
        "reviewers_per_submission",
        "is_anonymous",
        "review_days",
    ]
    list_filter = ["is_enabled", "is_anonymous"]
    form_fields = [
        "assignment",
        "is_enabled",
        "reviewers_per_submission",
        "is_anonymous",
        "review_days",
        "opens_at",
        "instructions",
    ]


class MentorProfileViewSet(ModelViewSet):
    model = MentorProfile
    icon = "user"
    menu_label = _("Mentors")
    list_display = ["user", "headline", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["headline", "expertise"]
    form_fields = ["user", "headline", "bio", "expertise", "is_active"]


class StudyGroupViewSet(ModelViewSet):
    """Staff close a group (archive it) or change its limit; learners run them."""

    model = StudyGroup
    icon = "group"
    menu_label = _("Study groups")
    list_display = ["name", "run", "join_policy", "member_count", "member_limit"]
    list_filter = ["join_policy", "is_archived"]
    search_fields = ["name", "description"]
    form_fields = ["name", "description", "join_policy", "member_limit", "is_archived"]


def forum_ban_admin_save(*, actor, fields, instance=None):
    """A ban from the admin: the moderators' rules apply, and moving a ban to
    another person or forum lifts the old one."""
    if instance is not None and instance.pk:
        old = ForumBan.objects.get(pk=instance.pk)
        if (old.forum_id, old.user_id) != (fields["forum"].pk, fields["user"].pk):
            services.forum_unban(actor=actor, forum=old.forum, user=old.user)
    return services.forum_ban(
        actor=actor,
        forum=fields["forum"],
        user=fields["user"],
        reason=fields.get("reason", ""),
        until=fields.get("until"),
    )


class ForumBanViewSet(ServiceViewSetMixin, ModelViewSet):
    model = ForumBan
    create_service = forum_ban_admin_save
    update_service = forum_ban_admin_save
    icon = "warning"
    menu_label = _("Forum bans")
    list_display = ["user", "forum", "until", "reason"]
    form_fields = ["forum", "user", "reason", "until"]


class CommunityGroup(ViewSetGroup):
    menu_label = _("Social learning")
    menu_icon = "group"
    menu_order = 210
    items = (
        CohortViewSet("community_cohorts"),
        RunCohortSettingsViewSet("community_cohort_settings"),
        LessonCohortRestrictionViewSet("community_cohort_lessons"),
        PeerReviewSettingsViewSet("community_peer_review"),
        MentorProfileViewSet("community_mentors"),
        StudyGroupViewSet("community_groups"),
        ForumBanViewSet("community_bans"),
    )


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityGroup()


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return MenuItem(
        _("Moderation queue"),
        reverse("community:moderation-queue"),
        icon_name="warning",
        order=215,
    )


hooks.register(LESSON_GATE_HOOK, gates.cohort_lesson_gate)
hooks.register(CALENDAR_ENTRIES_HOOK, calendar.community_calendar_entries)


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem(
            "community",
            _("Social learning"),
            "community:home",
            order=30,
            visible=signed_in,
            menu="main",
        )
    ]
