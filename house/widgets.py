"""Form widgets of the portal.

:class:`ListSelect` is Django's ``Select`` with the same markup, written in
Python: Django renders each ``<option>`` through a template of its own, which
costs more than the rest of a filter form when a select offers dozens of
choices (the programme's organisers, the directory's topics) on every page
that is rendered cold.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class ListSelect(forms.Select):
    """A single-choice select with Django's markup, its options written without a
    template each. Uses the widget's context as Django builds it, so selection,
    empty labels and option groups behave as in ``forms.Select``."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (str(option["value"]), flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            parts.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(parts)),  # noqa: S308 - every part is built by format_html
        )
