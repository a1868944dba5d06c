"""``{% thumbnail obj.image "card" as thumb %}``: a named thumbnail of an uploaded image,
with ``thumb.url``, ``thumb.width`` and ``thumb.height`` (None without an image)."""

from __future__ import annotations

from typing import Any

from django import template

from house.images import Thumbnail
from house.images import thumbnail as make_thumbnail

register = template.Library()


@register.simple_tag
def thumbnail(fieldfile: Any, size: str) -> Thumbnail | None:
    return make_thumbnail(fieldfile, size)
