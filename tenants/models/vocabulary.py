"""The shared vocabularies of the directory: target groups, topics and languages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


class Vocabulary(models.Model):
    """A term of a shared, fixed vocabulary with a German name and an English one."""

    slug = models.SlugField(_("key"), max_length=50, unique=True)
    name = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language."""
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class TargetGroup(Vocabulary):
    """Who a service or an event is for (shared with the events app)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Topic(Vocabulary):
    """What a service is about: debt counselling, migration counselling, self-help..."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Language(Vocabulary):
    """A language in which an organisation or a service can be reached; ``slug`` is ISO 639-1."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
