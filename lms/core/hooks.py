"""Wagtail hooks that declare things, read once per process.

Campus's layers talk upwards through Wagtail hooks (`hooks.register` in an
app's `wagtail_hooks.py`, `hooks.get_hooks(NAME)` where the hook is used); the
names and signatures are listed in `docs/architecture.md`, section "Hooks".

Two kinds of hook:

- hooks that act: `calendar_entries`, `landing_url`, `before_serve_lesson`. The
  caller calls each function with the request or user, every time.
- hooks that declare: `register_nav_items`, `register_course_page_context`,
  `register_course_page_actions`. Each function takes no argument and returns
  data (menu items, a mapping). `hook_results` calls them once per process, so
  a page that draws the menu costs no more than a dictionary lookup.
"""

from typing import Any

from wagtail import hooks

_results: dict[str, tuple[tuple, tuple]] = {}


def hook_results(hook_name: str) -> tuple[Any, ...]:
    """What each function registered for `hook_name` returns, in hook order.

    The results are kept for the process, keyed on the functions registered: a
    hook added with `hooks.register_temporarily` (in a test) is called the first
    time it is seen, and forgotten when it goes.
    """
    functions = tuple(hooks.get_hooks(hook_name))
    cached = _results.get(hook_name)
    if cached is None or cached[0] != functions:
        cached = (functions, tuple(function() for function in functions))
        _results[hook_name] = cached
    return cached[1]
