"""``{{ room|translated:"floor" }}``: house-entered text in the reader's language."""

from __future__ import annotations

from django import template

from house.translated import TranslatedFields

register = template.Library()


@register.filter
def translated(obj: object, field: str) -> str:
    if isinstance(obj, TranslatedFields):
        return obj.translated(field)
    return str(getattr(obj, field, "") or "")
