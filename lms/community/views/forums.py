"""Forum views: the community home, a forum's threads, a thread, writing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.core.ratelimit import RateLimited
from lms.learning.models import CourseRun

from .. import selectors, services
from ..forms import FlagForm, PostEditForm, ReplyForm, ThreadEditForm, ThreadForm
from ..models import Cohort, Forum, ForumScope, Post, ThreadKind
from ..permissions import access_forum, access_thread, forum_access
from ..services.errors import CommunityError
from .common import back, page_number, refused


@login_required
@require_GET
def home(request):
    return render(
        request, "community/home.html", selectors.community_home(user=request.user)
    )


@login_required
@require_GET
def run_forum(request, run_id: int):
    """A run's forum, made the first time a learner or teacher opens it."""
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    # who may read it is decided before it is made: a refusal writes nothing
    if not forum_access(
        user=request.user, forum=Forum(scope=ForumScope.RUN, run=run)
    ).can_read:
        raise Http404
    forum = services.forum_for_run(run=run)
    return redirect("community:forum", forum.pk)


@login_required
@require_GET
def cohort_forum(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    unmade = Forum(scope=ForumScope.COHORT, run_id=cohort.run_id, cohort=cohort)
    if not forum_access(user=request.user, forum=unmade).can_read:
        raise Http404
    forum = services.forum_for_cohort(cohort=cohort)
    if request.GET.get("announce"):
        return redirect(
            reverse("community:thread-new", args=[forum.pk]) + "?kind=announcement"
        )
    return redirect("community:forum", forum.pk)


@login_required
@require_GET
def forum_view(request, forum_id: int):
    access = access_forum(user=request.user, forum_id=forum_id)
    context = selectors.forum_index(
        user=request.user,
        access=access,
        q=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        page=page_number(request),
    )
    return render(request, "community/forum.html", context)


@login_required
@require_POST
def forum_read_all(request, forum_id: int):
    access = access_forum(user=request.user, forum_id=forum_id)
    services.forum_read_all(user=request.user, forum=access.forum)
    return back(
        request,
        reverse("community:forum", args=[forum_id]),
        message=_("Every thread is marked as read."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request, forum_id: int):
    access = access_forum(user=request.user, forum_id=forum_id)
    if not access.can_post:
        return refused(
            request,
            CommunityError(_("You have been banned from writing in this forum.")),
            status=403,
        )
    initial = {}
    if request.GET.get("kind") in ThreadKind.values:
        initial["kind"] = request.GET["kind"]
    form = ThreadForm(
        request.POST or None, initial=initial, can_moderate=access.can_moderate
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                thread = services.thread_create(
                    author=request.user,
                    forum=access.forum,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    kind=form.cleaned_data["kind"],
                    body_format=form.cleaned_data["body_format"],
                    pin=form.cleaned_data.get("pin", False),
                )
            except RateLimited as error:
                return refused(request, error)
            except CommunityError as error:
                if error.status == 403:
                    return refused(request, error)
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your thread is posted."))
                return redirect("community:thread", thread.pk)
        status = 400
    return render(
        request,
        "community/thread_form.html",
        {
            "form": form,
            "forum": access.forum,
            "forum_title": selectors.forum_title(access.forum),
        },
        status=status,
    )


def _thread_response(request, thread, access, *, reply_form=None, status=200):
    previous = services.thread_read_mark(user=request.user, thread=thread)
    context = selectors.thread_page(
        user=request.user,
        thread=thread,
        access=access,
        previous_read_at=previous,
        page=page_number(request),
    )
    replying_to = None
    reply_to = request.GET.get("reply_to", "")
    if reply_form is None and reply_to.isdigit():
        replying_to = (
            Post.objects.filter(pk=int(reply_to), thread=thread)
            .select_related("author")
            .first()
        )
        if replying_to is not None and not replying_to.is_visible:
            replying_to = None
    context["reply_form"] = reply_form or ReplyForm(
        initial={"parent": replying_to.pk} if replying_to else None
    )
    context["replying_to"] = replying_to
    return render(request, "community/thread.html", context, status=status)


@login_required
@require_GET
def thread_view(request, thread_id: int):
    thread, access = access_thread(user=request.user, thread_id=thread_id)
    return _thread_response(request, thread, access)


@login_required
@require_POST
def reply_create(request, thread_id: int):
    thread, access = access_thread(user=request.user, thread_id=thread_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = Post.objects.filter(
                pk=form.cleaned_data["parent"], thread=thread
            ).first()
            if parent is None:
                return refused(
                    request, CommunityError(_("That reply is in another thread."))
                )
        try:
            post = services.post_create(
                author=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                body_format=form.cleaned_data["body_format"],
                parent=parent,
            )
        except RateLimited as error:
            return refused(request, error)
        except CommunityError as error:
            if error.status == 403:
                return refused(request, error)
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(
                reverse("community:thread", args=[thread.pk]) + f"#post-{post.pk}"
            )
    return _thread_response(request, thread, access, reply_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    thread, access = access_thread(user=request.user, thread_id=post.thread_id)
    if post.author_id != request.user.pk:
        raise Http404
    form = PostEditForm(
        request.POST or None,
        initial={"body": post.body_source, "body_format": post.body_format},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_edit(
                    user=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    body_format=form.cleaned_data["body_format"],
                )
            except RateLimited as error:
                return refused(request, error)
            except CommunityError as error:
                if error.status == 403:
                    return refused(request, error)
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your reply is updated."))
                return redirect(
                    reverse("community:thread", args=[thread.pk]) + f"#post-{post.pk}"
                )
        status = 400
    return render(
        request,
        "community/post_edit.html",
        {"form": form, "thread": thread, "post": post},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_edit(request, thread_id: int):
    thread, access = access_thread(user=request.user, thread_id=thread_id)
    if thread.author_id != request.user.pk:
        raise Http404
    form = ThreadEditForm(
        request.POST or None,
        initial={
            "title": thread.title,
            "body": thread.body_source,
            "body_format": thread.body_format,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.thread_edit(
                    user=request.user,
                    thread=thread,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    body_format=form.cleaned_data["body_format"],
                )
            except RateLimited as error:
                return refused(request, error)
            except CommunityError as error:
                if error.status == 403:
                    return refused(request, error)
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your thread is updated."))
                return redirect("community:thread", thread.pk)
        status = 400
    return render(
        request,
        "community/thread_edit.html",
        {"form": form, "thread": thread},
        status=status,
    )


def _post_of(request, post_id: int):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    thread, access = access_thread(user=request.user, thread_id=post.thread_id)
    if not post.is_visible and not access.can_moderate:
        raise Http404
    return post, thread, access


def _thread_back(request, thread, post=None):
    anchor = f"#post-{post.pk}" if post is not None else ""
    return back(request, reverse("community:thread", args=[thread.pk]) + anchor)


@login_required
@require_POST
def post_vote(request, post_id: int):
    post, thread, _access = _post_of(request, post_id)
    try:
        services.post_vote_toggle(user=request.user, post=post)
    except (CommunityError, RateLimited) as error:
        return refused(request, error)
    return _thread_back(request, thread, post)


@login_required
@require_POST
def post_accept(request, post_id: int):
    post, thread, _access = _post_of(request, post_id)
    try:
        accepted = services.post_accept(user=request.user, post=post)
    except CommunityError as error:
        return refused(request, error)
    messages.success(
        request,
        _("Marked as the answer.")
        if accepted
        else _("No longer marked as the answer."),
    )
    return _thread_back(request, thread, post)


@login_required
@require_POST
def post_endorse(request, post_id: int):
    post, thread, _access = _post_of(request, post_id)
    try:
        endorsed = services.post_endorse(user=request.user, post=post)
    except CommunityError as error:
        return refused(request, error)
    messages.success(
        request,
        _("You endorsed this answer.") if endorsed else _("Endorsement taken back."),
    )
    return _thread_back(request, thread, post)


@login_required
@require_POST
def thread_follow(request, thread_id: int):
    thread, _access = access_thread(user=request.user, thread_id=thread_id)
    following = services.thread_follow_toggle(user=request.user, thread=thread)
    messages.success(
        request,
        _("You follow this thread: replies will reach you as notifications.")
        if following
        else _("You no longer follow this thread."),
    )
    return _thread_back(request, thread)


@login_required
@require_http_methods(["GET", "POST"])
def flag(request, thread_id: int):
    """Report a thread, or with `?post=` one of its replies."""
    thread, _access = access_thread(user=request.user, thread_id=thread_id)
    post = None
    post_id = request.POST.get("post") or request.GET.get("post")
    if post_id:
        post = Post.objects.filter(pk=post_id, thread=thread).first()
        if post is None:
            raise Http404
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.flag_create(
                    reporter=request.user,
                    thread=thread,
                    post=post,
                    reason=form.cleaned_data["reason"],
                    comment=form.cleaned_data["comment"],
                )
            except RateLimited as error:
                return refused(request, error)
            except CommunityError as error:
                if error.status == 403:
                    return refused(request, error)
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. A moderator will look at it."))
                return _thread_back(request, thread, post)
        status = 400
    return render(
        request,
        "community/flag.html",
        {"form": form, "thread": thread, "post": post},
        status=status,
    )


@login_required
@require_POST
def content_delete(request, thread_id: int):
    thread, _access = access_thread(user=request.user, thread_id=thread_id)
    post = None
    if request.POST.get("post"):
        post = Post.objects.filter(pk=request.POST["post"], thread=thread).first()
        if post is None:
            raise Http404
    try:
        services.content_delete(
            actor=request.user,
            thread=thread,
            post=post,
            reason=request.POST.get("reason", ""),
        )
    except CommunityError as error:
        return refused(request, error)
    messages.success(request, _("Deleted."))
    if post is None:
        return redirect("community:forum", thread.forum_id)
    return _thread_back(request, thread, post)
