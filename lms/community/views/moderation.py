"""Moderation views: the flag queue, actions on threads and replies, bans, log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.accounts.models import User

from .. import selectors, services
from ..forms import BanForm
from ..models import ForumBan, Post
from ..permissions import access_forum, access_thread
from ..services.errors import CommunityError, CommunityForbidden
from .common import back, page_number, refused

ACTIONS = {
    "hide": (services.content_hide, lambda: _("Hidden from everyone but moderators.")),
    "unhide": (services.content_unhide, lambda: _("Shown again.")),
    "dismiss": (services.flags_dismiss, lambda: _("Flags dismissed.")),
}


def _moderator_only(request):
    if not selectors.moderated_forums(user=request.user).exists():
        return refused(
            request,
            CommunityForbidden(_("Only moderators can open the moderation queue.")),
        )
    return None


@login_required
@require_GET
def queue(request):
    refusal = _moderator_only(request)
    if refusal:
        return refusal
    context = selectors.moderation_queue(user=request.user, page=page_number(request))
    return render(request, "community/moderation_queue.html", context)


@login_required
@require_GET
def log(request):
    refusal = _moderator_only(request)
    if refusal:
        return refusal
    context = selectors.moderation_log_page(
        user=request.user, page=page_number(request)
    )
    return render(request, "community/moderation_log.html", context)


@login_required
@require_POST
def act(request, thread_id: int, action: str):
    """hide, unhide, dismiss (a thread or, with `post`, a reply), lock,
    unlock, pin, unpin (a thread).
    """
    thread, access = access_thread(user=request.user, thread_id=thread_id)
    if not access.can_moderate:
        return refused(
            request, CommunityForbidden(_("Only the forum's moderators can do that."))
        )
    post = None
    if request.POST.get("post"):
        post = Post.objects.filter(pk=request.POST["post"], thread=thread).first()
        if post is None:
            raise Http404
    reason = request.POST.get("reason", "")[:500]
    try:
        if action in ACTIONS:
            service, said = ACTIONS[action]
            service(actor=request.user, thread=thread, post=post, reason=reason)
            message = said()
        elif action in ("lock", "unlock"):
            services.thread_lock_set(
                actor=request.user,
                thread=thread,
                locked=action == "lock",
                reason=reason,
            )
            message = (
                _("Locked: no new replies.")
                if action == "lock"
                else _("Open for replies again.")
            )
        elif action in ("pin", "unpin"):
            services.thread_pin_set(
                actor=request.user, thread=thread, pinned=action == "pin"
            )
            message = _("Pinned to the top.") if action == "pin" else _("Unpinned.")
        else:
            raise Http404
    except CommunityError as error:
        return refused(request, error)
    anchor = f"#post-{post.pk}" if post else ""
    return back(
        request, reverse("community:thread", args=[thread.pk]) + anchor, message=message
    )


@login_required
@require_http_methods(["GET", "POST"])
def ban(request, forum_id: int, user_id: int):
    access = access_forum(user=request.user, forum_id=forum_id)
    if not access.can_moderate:
        return refused(
            request, CommunityForbidden(_("Only the forum's moderators can do that."))
        )
    person = get_object_or_404(User, pk=user_id)
    form = BanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.forum_ban(
                    actor=request.user,
                    forum=access.forum,
                    user=person,
                    reason=form.cleaned_data["reason"],
                    days=form.cleaned_data["days"],
                )
            except CommunityError as error:
                if error.status == 403:
                    return refused(request, error)
                form.add_error(None, error.message)
            else:
                return back(
                    request,
                    reverse("community:forum", args=[access.forum.pk]),
                    message=_("%(name)s can no longer write in this forum.")
                    % {"name": person.display_name},
                )
        status = 400
    current = ForumBan.objects.filter(forum=access.forum, user=person).first()
    return render(
        request,
        "community/ban.html",
        {
            "form": form,
            "forum": access.forum,
            "forum_title": selectors.forum_title(access.forum),
            "person": person,
            "current": current,
        },
        status=status,
    )


@login_required
@require_POST
def unban(request, forum_id: int, user_id: int):
    access = access_forum(user=request.user, forum_id=forum_id)
    person = get_object_or_404(User, pk=user_id)
    try:
        services.forum_unban(actor=request.user, forum=access.forum, user=person)
    except CommunityError as error:
        return refused(request, error)
    messages.success(request, _("The ban is lifted."))
    return back(request, reverse("community:forum", args=[access.forum.pk]))
