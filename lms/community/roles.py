"""What center staff may do with community models in the admin.

Granted after every `migrate` of this app (and by the demo seeder), as
`cms.roles` does for the other apps; it only ever adds.
"""

from django.contrib.auth.models import Group, Permission

from lms.accounts.models import Role

STAFF_MODELS = [
    "cohort",
    "cohortmembership",
    "runcohortsettings",
    "lessoncohortrestriction",
    "peerreviewsettings",
    "mentorprofile",
    "forumban",
    "studygroup",
    "moderationlog",
    "notification",
]


def community_permissions_grant(**kwargs) -> None:
    staff = Group.objects.filter(name=Role.STAFF.value).first()
    if staff is None:
        return
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="community", content_type__model__in=STAFF_MODELS
        )
    )
