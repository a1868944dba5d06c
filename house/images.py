"""Every image people upload to the portal passes through here.

An upload is checked (file size, format, pixel dimensions, read from the header
before anything is decoded) and then re-encoded with Pillow into a new image
made of its pixels only: no EXIF (camera, GPS position), no comments, no bytes
after the image, so a file that is an image and a web page at once (a GIF/HTML
polyglot) leaves only the image. Photos are turned upright first, as their EXIF
orientation asks. The result is a JPEG, or a PNG where the source is a PNG or
GIF or has transparency.

Models declare their image fields as :class:`CleanImageField`; its form field
(:class:`ImageUploadField`, used by model forms and the admin) does the work,
so a refused upload shows a clear message next to the field and nothing is saved.
Each field names the thumbnails its pages show (``thumbnails={"card": (640,
400, "crop")}``): ``{% load house_images %}{% thumbnail obj.image "card" as thumb %}``
gives their URL and exact width and height. A thumbnail is made on first use
and stored next to the original (``events/poster.jpg`` → ``events/poster.card.jpg``).

Limits (settings, with their defaults): ``UPLOAD_IMAGE_MAX_MB`` (10, a field may
ask for less), ``UPLOAD_IMAGE_MAX_MEGAPIXELS`` (25) and ``UPLOAD_IMAGE_MAX_SIDE``
(8000 pixels).
"""

from __future__ import annotations

import io
import logging
import posixpath
import warnings
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

#: Formats accepted from people (what browsers show); everything else is refused.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP"}
#: How a thumbnail fills its box: ``crop`` cuts the edges, ``pad`` keeps the whole image.
Fit = Literal["crop", "pad"]


def max_bytes(field_limit: int | None = None) -> int:
    limit = int(getattr(settings, "UPLOAD_IMAGE_MAX_MB", 10)) * 1024 * 1024
    return min(limit, field_limit) if field_limit else limit


def _megabytes(size: int) -> str:
    """Megabytes as the reader writes them (``2``, ``20,5`` in German)."""
    value = size / 1024 / 1024
    return number_format(value, 0 if value == int(value) else 1)


def _open(upload: Any) -> Image.Image:
    """Open the upload's header (no pixels decoded yet); bombs and non-images refused."""
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(upload)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(
                _("This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."),
                code="invalid_image",
            ) from exc


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "The image is too large in pixels. Please upload at most %(megapixels)s megapixels "
            "and %(side)s pixels on the longer side (a photo from a phone or camera fits)."
        ),
        code="too_many_pixels",
        params={
            "megapixels": getattr(settings, "UPLOAD_IMAGE_MAX_MEGAPIXELS", 25),
            "side": getattr(settings, "UPLOAD_IMAGE_MAX_SIDE", 8000),
        },
    )


def validate_image_upload(upload: Any, *, limit_bytes: int | None = None) -> Image.Image:
    """Check an upload before decoding it; returns the opened (not yet decoded) image.

    Refuses with a :class:`ValidationError` in plain language: a file larger than
    :func:`max_bytes`, a format other than JPEG, PNG, WebP or GIF, more than
    ``UPLOAD_IMAGE_MAX_MEGAPIXELS`` or a side longer than ``UPLOAD_IMAGE_MAX_SIDE``.
    """
    allowed = max_bytes(limit_bytes)
    size = getattr(upload, "size", None) or 0
    if size > allowed:
        raise ValidationError(
            _("The image is too large (%(size)s MB). Please upload at most %(max)s MB."),
            code="file_too_large",
            params={"size": _megabytes(size), "max": _megabytes(allowed)},
        )
    image = _open(upload)
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Please upload the image as JPEG, PNG, WebP or GIF (not %(format)s)."),
            code="format",
            params={"format": image.format or "?"},
        )
    width, height = image.size
    max_pixels = int(getattr(settings, "UPLOAD_IMAGE_MAX_MEGAPIXELS", 25)) * 1_000_000
    if width * height > max_pixels or max(width, height) > int(
        getattr(settings, "UPLOAD_IMAGE_MAX_SIDE", 8000)
    ):
        raise _too_many_pixels()
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )


def _pixels_only(image: Image.Image, mode: str) -> Image.Image:
    """The pixels in ``mode`` and nothing else: Pillow writes EXIF, XMP, ICC profiles and
    comments only from ``info`` (or when asked), so an empty ``info`` leaves them out.
    No copy where the mode is already right: a 24-megapixel photo is 72 MB decoded."""
    clean = image if image.mode == mode else image.convert(mode)
    clean.info.clear()
    return clean


def reencode_image(upload: Any, *, limit_bytes: int | None = None) -> SimpleUploadedFile:
    """Validate ``upload`` and return it re-encoded, named ``<original stem>.jpg|png``."""
    image = validate_image_upload(upload, limit_bytes=limit_bytes)
    source_format = image.format
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)  # the first frame of an animation
            image.load()
            upright = ImageOps.exif_transpose(image) or image
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image is damaged and cannot be read. Please upload another file."),
            code="invalid_image",
        ) from exc
    as_png = source_format in {"PNG", "GIF"} or _has_alpha(upright)
    clean = _pixels_only(upright, "RGBA" if _has_alpha(upright) else "RGB")
    buffer = io.BytesIO()
    if as_png:
        clean.save(buffer, "PNG", optimize=True)
    else:
        clean.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    stem = posixpath.splitext(posixpath.basename(getattr(upload, "name", "") or "image"))[0]
    # No dots in an original's name: "<stem>.<size>.<ext>" is always one of its thumbnails.
    stem = get_valid_filename(stem).replace(".", "-")[:80] or "image"
    name = f"{stem}.{'png' if as_png else 'jpg'}"
    result = SimpleUploadedFile(
        name, buffer.getvalue(), content_type="image/png" if as_png else "image/jpeg"
    )
    result.image = clean  # type: ignore[attr-defined]  # as Django's ImageField does
    return result


class ImageUploadField(forms.ImageField):
    """A form field that accepts an image only re-encoded (see the module's docstring)."""

    def __init__(self, *args: Any, limit_bytes: int | None = None, **kwargs: Any) -> None:
        self.limit_bytes = limit_bytes
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")
        if not self.help_text:
            self.help_text = _("JPEG, PNG, WebP or GIF, at most %(max)s MB.") % {
                "max": _megabytes(max_bytes(limit_bytes))
            }

    def to_python(self, data: Any) -> Any:
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return reencode_image(upload, limit_bytes=self.limit_bytes)


class CleanImageField(models.ImageField):
    """An image field whose uploads are checked and re-encoded, with named thumbnails.

    ``thumbnails`` maps a name to ``(width, height, "crop" | "pad")``. Only the form
    field changes, so the database column (and its migrations) stay those of an
    ``ImageField``.
    """

    def __init__(
        self,
        *args: Any,
        thumbnails: dict[str, tuple[int, int, Fit]] | None = None,
        limit_bytes: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.thumbnails = dict(thumbnails or {})
        self.limit_bytes = limit_bytes
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> Any:
        return super().formfield(
            form_class=form_class or ImageUploadField,
            choices_form_class=choices_form_class,
            **{"limit_bytes": self.limit_bytes, **kwargs},
        )


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int


def thumbnail_name(name: str, size: str) -> str:
    stem, ext = posixpath.splitext(name)
    return f"{stem}.{size}{ext or '.jpg'}"


def thumbnail(fieldfile: Any, size: str) -> Thumbnail | None:
    """The thumbnail ``size`` of an image (made and stored next to it on first use), or None
    for an empty field, an unknown size or an original that cannot be read."""
    if not fieldfile:
        return None
    spec = getattr(fieldfile.field, "thumbnails", {}).get(size)
    if spec is None:
        return None
    width, height, fit = spec
    storage, name = fieldfile.storage, thumbnail_name(fieldfile.name, size)
    if not storage.exists(name):
        try:
            _make_thumbnail(fieldfile, name, (width, height), fit)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            logger.warning("Cannot make thumbnail %s of %s", size, fieldfile.name, exc_info=True)
            return None
    return Thumbnail(url=storage.url(name), width=width, height=height)


def _make_thumbnail(fieldfile: Any, name: str, box: tuple[int, int], fit: Fit) -> None:
    with fieldfile.storage.open(fieldfile.name, "rb") as original:
        source = Image.open(original)
        source.load()
    as_png = name.lower().endswith(".png")
    image = source.convert("RGBA" if as_png else "RGB")
    if fit == "crop":
        result = ImageOps.fit(image, box, Image.Resampling.LANCZOS)
    else:
        background = (255, 255, 255, 0) if as_png else (255, 255, 255)
        result = ImageOps.pad(image, box, Image.Resampling.LANCZOS, color=background)
    buffer = io.BytesIO()
    if as_png:
        result.save(buffer, "PNG", optimize=True)
    else:
        result.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    fieldfile.storage.save(name, ContentFile(buffer.getvalue()))
