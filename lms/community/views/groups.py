"""Study group views: the list, starting one, its page, joining, meetings."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.core.ratelimit import RateLimited
from lms.learning.models import SEAT_HOLDING, CourseRun
from lms.learning.selectors import runs_in_language

from .. import selectors, services
from ..forms import InviteForm, MeetingForm, StudyGroupForm
from ..models import StudyGroupMeeting
from ..permissions import access_group
from ..services.errors import CommunityError
from .common import page_number, refused


@login_required
@require_GET
def group_list(request):
    context = selectors.group_list(user=request.user, page=page_number(request))
    return render(request, "community/group_list.html", context)


def _my_runs(user):
    return list(
        CourseRun.objects.filter(
            enrollments__learner=user, enrollments__status__in=SEAT_HOLDING
        )
        .select_related("course")
        .order_by("-starts_on")
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    runs = _my_runs(request.user)
    # labelled in the reader's language; the service gets the runs as they are
    shown = runs_in_language(copy.copy(run) for run in runs)
    form = StudyGroupForm(request.POST or None, runs=shown)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            run = next((r for r in runs if r.pk == form.cleaned_data["run"]), None)
            try:
                group = services.study_group_create(
                    creator=request.user,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    member_limit=form.cleaned_data["member_limit"],
                    join_policy=form.cleaned_data["join_policy"],
                    run=run,
                )
            except RateLimited as error:
                return refused(request, error)
            except CommunityError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your study group has started."))
                return redirect("community:group-detail", group.pk)
        status = 400
    return render(request, "community/group_form.html", {"form": form}, status=status)


def _detail(request, access, *, invite_form=None, meeting_form=None, status=200):
    context = selectors.group_detail(group=access.group, inside=access.can_see_inside)
    context.update(
        access=access,
        invite_form=invite_form or InviteForm(),
        meeting_form=meeting_form or MeetingForm(),
    )
    return render(request, "community/group_detail.html", context, status=status)


@login_required
@require_GET
def group_detail(request, group_id: int):
    return _detail(request, access_group(user=request.user, group_id=group_id))


@login_required
@require_POST
def group_join(request, group_id: int):
    access = access_group(user=request.user, group_id=group_id)
    try:
        services.study_group_join(user=request.user, group=access.group)
    except CommunityError as error:
        return refused(request, error)
    messages.success(request, _("Welcome to the group!"))
    return redirect("community:group-detail", group_id)


@login_required
@require_POST
def group_leave(request, group_id: int):
    access = access_group(user=request.user, group_id=group_id)
    services.study_group_leave(user=request.user, group=access.group)
    messages.success(request, _("You have left the group."))
    return redirect("community:groups")


@login_required
@require_POST
def group_decline(request, group_id: int):
    access = access_group(user=request.user, group_id=group_id)
    services.invitation_decline(user=request.user, group=access.group)
    messages.success(request, _("Invitation declined."))
    return redirect("community:home")


@login_required
@require_POST
def group_invite(request, group_id: int):
    access = access_group(user=request.user, group_id=group_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.study_group_invite(
                organizer=request.user,
                group=access.group,
                email=form.cleaned_data["email"],
            )
        except RateLimited as error:
            return refused(request, error)
        except CommunityError as error:
            if error.status == 403:
                return refused(request, error)
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("%(name)s is invited.") % {"name": invitation.invitee.display_name},
            )
            return redirect("community:group-detail", group_id)
    return _detail(request, access, invite_form=form, status=400)


@login_required
@require_POST
def meeting_create(request, group_id: int):
    access = access_group(user=request.user, group_id=group_id)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_create(
                organizer=request.user,
                group=access.group,
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                place=form.cleaned_data["place"],
                online_url=form.cleaned_data["online_url"],
                notes=form.cleaned_data["notes"],
            )
        except CommunityError as error:
            if error.status == 403:
                return refused(request, error)
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is planned; members are told."))
            return redirect("community:group-detail", group_id)
    return _detail(request, access, meeting_form=form, status=400)


@login_required
@require_POST
def meeting_cancel(request, meeting_id: int):
    meeting = get_object_or_404(StudyGroupMeeting, pk=meeting_id)
    access_group(user=request.user, group_id=meeting.group_id)
    try:
        services.meeting_cancel(organizer=request.user, meeting=meeting)
    except CommunityError as error:
        return refused(request, error)
    messages.success(request, _("The meeting is cancelled; members are told."))
    return redirect("community:group-detail", meeting.group_id)
