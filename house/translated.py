"""Text the house enters itself (floors, opening hours, reasons, descriptions) in two languages.

German is the house's language and always required; an English version is kept in a
column of the same name ending in ``_en`` and may be empty. English readers see the
English text where the house wrote one and the German text otherwise. Templates ask
``{% load house_text %}{{ room|translated:"floor" }}``; Python asks
``room.translated("floor")``.
"""

from __future__ import annotations

from django.utils import translation


def reads_english(language: str | None = None) -> bool:
    """Is ``language`` (the active language when none is given) English?"""
    code = language if language is not None else translation.get_language()
    return (code or "").split("-")[0] == "en"


def in_language(german: str, english: str, language: str | None = None) -> str:
    """The English text for an English reader when there is one, the German text otherwise."""
    if english and reads_english(language):
        return english
    return german


class TranslatedFields:
    """Mixin for models whose house-entered text fields have an optional ``<field>_en`` twin."""

    def translated(self, field: str, language: str | None = None) -> str:
        german = getattr(self, field) or ""
        english = getattr(self, f"{field}_en", "") or ""
        return in_language(str(german), str(english), language)
