"""Where higher layers plug into course pages.

Courses sit below `lms.learning` in the layers, yet a course page must show its
runs and a lesson must know whether the visitor may read it. So courses define
two small registries and `lms.learning` fills them in its `AppConfig.ready()`:

- page context providers add to a page type's template context;
- a lesson gate may answer a lesson request itself (to refuse or redirect).

Links work the same way: a course template never names a higher layer's URL
(`learning:run-enroll`); it asks for an action (`{% action_url "run-enroll"
run.pk %}`) and the layer that owns the action maps it to its URL name with the
Wagtail hook `register_course_page_actions` (tests/core/test_template_layers.py
checks every template for this).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

PAGE_ACTIONS_HOOK = "register_course_page_actions"

ContextProvider = Callable[..., dict[str, Any]]
LessonGate = Callable[..., HttpResponse | None]

_context_providers: dict[str, list[ContextProvider]] = {}
_lesson_gates: list[LessonGate] = []


def page_context_provider_register(page_model: str, provider: ContextProvider) -> None:
    """Call `provider(request=, page=)` for every page of `page_model` ("app.Model")."""
    providers = _context_providers.setdefault(page_model.lower(), [])
    if provider not in providers:
        providers.append(provider)


def page_context_extra(*, request: HttpRequest, page) -> dict[str, Any]:
    label = page._meta.label_lower
    context: dict[str, Any] = {}
    for provider in _context_providers.get(label, []):
        context.update(provider(request=request, page=page))
    return context


def lesson_gate_register(gate: LessonGate) -> None:
    """`gate(request=, lesson=)` returns a response to refuse, or None to allow."""
    if gate not in _lesson_gates:
        _lesson_gates.append(gate)


def lesson_gate_check(*, request: HttpRequest, lesson) -> HttpResponse | None:
    for gate in _lesson_gates:
        response = gate(request=request, lesson=lesson)
        if response is not None:
            return response
    return None


def _page_actions() -> dict[str, str]:
    actions: dict[str, str] = {}
    for hook in hooks.get_hooks(PAGE_ACTIONS_HOOK):
        actions.update(hook())
    return actions


def page_action_url(action: str, *args) -> str:
    """The URL of `action` on a course page, as the layer that owns it registered."""
    name = _page_actions().get(action)
    if name is None:
        raise NoReverseMatch(f"no course page action {action!r} is registered")
    return reverse(name, args=args)
