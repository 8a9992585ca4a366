"""machina's ``get_permission`` tag, with the handler's method names listed once per class.

machina's tag runs ``inspect.getmembers`` on the permission handler at every use to check
that the template names one of its public methods: 64 times on a topic page, a sixth of
its rendering. The names do not change while the process runs. Put in the place of
machina's own tag, in machina's library, when the forum app is ready (forum/apps.py): the
templates keep loading ``forum_permission_tags``.
"""

from __future__ import annotations

import inspect

from django import template

from .permission_handler import PermissionHandler

_allowed: dict[type, frozenset[str]] = {}


def allowed_methods(handler_class: type) -> frozenset[str]:
    names = _allowed.get(handler_class)
    if names is None:
        names = _allowed[handler_class] = frozenset(
            name
            for name, member in inspect.getmembers(handler_class, callable)
            if not name.startswith("_") and not inspect.isclass(member)
        )
    return names


def get_permission(context, method, *args, **kwargs):
    """``{% get_permission 'can_add_post' topic request.user as allowed %}``.

    While a GET is answered, each question is answered once: a topic page asks the same
    ones above and below its posts."""
    request = context.get("request", None)
    handler = request.forum_permission_handler if request else PermissionHandler()
    names = allowed_methods(type(handler))
    if method not in names:
        raise template.TemplateSyntaxError(
            f"Only the following methods are allowed through this templatetag: {sorted(names)}"
        )
    answers = _answers(request)
    key = (method, *map(_identity, args))
    if answers is None or kwargs or None in key:
        return getattr(handler, method)(*args, **kwargs)
    if key not in answers:
        answers[key] = getattr(handler, method)(*args)
    return answers[key]


def _answers(request) -> dict | None:
    if request is None or getattr(request, "method", None) not in ("GET", "HEAD"):
        return None
    return request.__dict__.setdefault("_puentes_permission_answers", {})


def _identity(value) -> tuple | None:
    """A saved model instance by its class and primary key (a forum, a topic, a post, a
    user), a visitor by their class; None for anything else (then nothing is remembered)."""
    if getattr(value, "is_anonymous", False):
        return (type(value),)
    pk = getattr(value, "pk", None)
    return (type(value), pk) if pk is not None else None


def replace_machina_tag() -> None:
    from machina.templatetags import forum_permission_tags

    forum_permission_tags.register.simple_tag(get_permission, takes_context=True)
