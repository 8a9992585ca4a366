"""The proceedings page's figures with their names in the reader's language."""

from __future__ import annotations

from django import template

from ..figures import labelled

register = template.Library()


@register.simple_tag
def proceedings_figures(figures: dict) -> dict[str, list[tuple[str, int]]]:
    return labelled(figures)
