"""The form renderer of Hausportal: Django's own widget templates through Jinja2.

A form field's widget is rendered from a template, and a select renders one
more template per option. Through the Django template engine that was the
largest part of the reception's booking form (some 16 ms of about 60); the same
templates, which Django ships for Jinja2 too, take less than half of that.

Only Django's built-in form templates (``django/forms/…``) go through Jinja2:
they exist in both languages. Widgets of the admin, of ``django.contrib.auth``
and of other apps have Django templates only and are rendered as before.
Crispy forms lays out the fields with its own templates either way.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        if template_name.startswith("django/forms/"):
            return self.jinja2.get_template(template_name)
        return self.django.get_template(template_name)
