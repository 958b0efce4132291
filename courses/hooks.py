"""Where higher layers plug into course pages: three Wagtail hooks.

Courses sit below `lms.learning` in the layers, yet a course page must show its
runs and a lesson must know whether the visitor may read it. So courses name
three Wagtail hooks, and the layers above register functions for them in their
`wagtail_hooks.py`:

- `register_course_page_context` (`PAGE_CONTEXT_HOOK`): a function with no
  argument returning `{"courses.CoursePage": provider, …}`; every page of that
  type calls `provider(request=, page=)` and adds the dict it returns to its
  template context (in hook order: a later provider's key wins).
- `before_serve_lesson` (`LESSON_GATE_HOOK`): `gate(*, request, lesson)` returns
  a response to refuse or redirect, or None to allow. The first response wins;
  the lesson, quiz and assignment pages ask every gate before serving.
- `register_course_page_actions` (`PAGE_ACTIONS_HOOK`): a function with no
  argument returning `{"run-enroll": "learning:run-enroll", …}`. A course
  template never names a higher layer's URL (`learning:run-enroll`); it asks for
  an action (`{% action_url "run-enroll" run.pk %}`) and the layer that owns
  the action maps it to its URL name (tests/core/test_template_layers.py checks
  every template for this).

The declaring hooks (page context, page actions) are read once per process
(`lms.core.hooks.hook_results`).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from lms.core.hooks import hook_results

PAGE_CONTEXT_HOOK = "register_course_page_context"
LESSON_GATE_HOOK = "before_serve_lesson"
PAGE_ACTIONS_HOOK = "register_course_page_actions"

ContextProvider = Callable[..., dict[str, Any]]
LessonGate = Callable[..., HttpResponse | None]


def page_context_providers(page_model: str) -> list[ContextProvider]:
    """The providers registered for `page_model` ("app.Model"), in hook order."""
    label = page_model.lower()
    return [
        provider
        for registered in hook_results(PAGE_CONTEXT_HOOK)
        for model, provider in registered.items()
        if model.lower() == label
    ]


def page_context_extra(*, request: HttpRequest, page) -> dict[str, Any]:
    """What the higher layers add to `page`'s template context."""
    context: dict[str, Any] = {}
    for provider in page_context_providers(page._meta.label_lower):
        context.update(provider(request=request, page=page))
    return context


def lesson_gate_check(*, request: HttpRequest, lesson) -> HttpResponse | None:
    """The first gate's refusal or redirect, or None when every gate allows."""
    for gate in hooks.get_hooks(LESSON_GATE_HOOK):
        response = gate(request=request, lesson=lesson)
        if response is not None:
            return response
    return None


def _page_actions() -> dict[str, str]:
    actions: dict[str, str] = {}
    for registered in hook_results(PAGE_ACTIONS_HOOK):
        actions.update(registered)
    return actions


def page_action_url(action: str, *args) -> str:
    """The URL of `action` on a course page, as the layer that owns it registered."""
    name = _page_actions().get(action)
    if name is None:
        raise NoReverseMatch(f"no course page action {action!r} is registered")
    return reverse(name, args=args)
