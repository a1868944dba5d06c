"""Uploaded images are limited, re-encoded without metadata, and shown as thumbnails."""

from __future__ import annotations

import io
import os
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from house.images import CleanImageField, ImageUploadField, reencode_image

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def upload(data: bytes, name: str = "bild.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "image/png")


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with almost no data: what a
    decompression bomb looks like before anything is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def gif_html_polyglot() -> bytes:
    """A real GIF that carries a web page: in its comment and after its end."""
    gif = encoded(Image.new("P", (8, 8), 3), "GIF", comment=HTML)
    assert HTML in gif
    return gif + HTML


def test_a_tiff_with_the_dimensions_of_108_megabytes_is_refused():
    # 6000 × 6000 RGB is 108 MB uncompressed; this file is a few kilobytes (1 bit, packed).
    tiff = encoded(Image.new("1", (6000, 6000), 0), "TIFF", compression="group4")
    assert len(tiff) < 200_000

    with pytest.raises(ValidationError) as refused:
        reencode_image(upload(tiff, "flyer.tiff"))

    assert refused.value.code in {"format", "too_many_pixels"}


def test_an_accepted_format_with_too_many_pixels_is_refused_before_decoding(settings):
    settings.UPLOAD_IMAGE_MAX_MEGAPIXELS = 25
    big = encoded(Image.new("1", (6000, 6000), 0), "PNG")

    with pytest.raises(ValidationError) as refused:
        reencode_image(upload(big))

    assert refused.value.code == "too_many_pixels"


def test_a_decompression_bomb_header_is_refused_with_a_clear_message():
    form_field = ImageUploadField()

    with pytest.raises(ValidationError) as refused:
        form_field.clean(upload(png_header_only(100_000, 100_000)))

    message = " ".join(refused.value.messages)
    assert "Megapixel" in message  # German, and says what to do


def test_a_file_above_the_size_limit_is_refused_with_its_size(settings):
    settings.UPLOAD_IMAGE_MAX_MB = 1
    noise = Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    data = encoded(noise, "PNG")
    assert len(data) > 1024 * 1024

    with pytest.raises(ValidationError) as refused:
        ImageUploadField().clean(upload(data))

    message = " ".join(refused.value.messages)
    assert "höchstens 1 MB" in message
    assert re.search(r"zu groß \(\d+,\d MB\)", message)  # a German decimal comma


def test_a_gif_html_polyglot_is_re_encoded_so_the_html_is_gone():
    cleaned = reencode_image(upload(gif_html_polyglot(), "logo.gif"))
    data = cleaned.read()

    assert b"<script" not in data
    assert b"<html" not in data
    assert cleaned.name == "logo.png"
    assert Image.open(io.BytesIO(data)).format == "PNG"


def test_exif_with_the_gps_position_is_stripped_and_the_photo_turned_upright():
    photo = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    exif[0x8825] = {1: "N", 2: (51.0, 18.0, 42.0), 3: "E", 4: (9.0, 29.0, 30.0)}  # GPS
    data = encoded(photo, "JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)

    cleaned = reencode_image(upload(data, "IMG_0001.JPG"))
    result = Image.open(io.BytesIO(cleaned.read()))

    assert cleaned.name == "IMG_0001.jpg"
    assert not result.getexif()
    assert "exif" not in result.info
    assert result.size == (20, 40)  # upright


def test_a_jpeg_comment_does_not_survive():
    data = encoded(Image.new("RGB", (10, 10), "blue"), "JPEG", comment=HTML)

    cleaned = reencode_image(upload(data, "a.jpg")).read()

    assert b"<script" not in cleaned


def test_a_transparent_png_stays_a_png_with_transparency():
    data = encoded(Image.new("RGBA", (10, 10), (0, 0, 0, 0)), "PNG")

    result = Image.open(io.BytesIO(reencode_image(upload(data)).read()))

    assert result.format == "PNG"
    assert result.mode == "RGBA"


def test_an_original_is_never_named_like_a_thumbnail_of_another():
    data = encoded(Image.new("RGB", (10, 10), "blue"), "PNG")

    assert reencode_image(upload(data, "plakat.detail.png")).name == "plakat-detail.png"


def test_not_an_image_is_refused():
    with pytest.raises(ValidationError):
        reencode_image(upload(HTML, "seite.png"))


def test_every_image_field_of_the_portal_re_encodes_its_uploads():
    from django.apps import apps
    from django.db import models

    image_fields = [
        (model._meta.label, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ImageField)
    ]

    assert {label for label, _field in image_fields} >= {
        "events.Event",
        "tenants.Organisation",
        "rooms.RoomPhoto",
        "house.HouseProfile",
    }
    for label, field in image_fields:
        assert isinstance(field, CleanImageField), f"{label}.{field.name}"
        assert isinstance(field.formfield(), ImageUploadField), f"{label}.{field.name}"


def test_event_form_upload_is_re_encoded_and_the_page_shows_the_thumbnail(client):
    from django.urls import reverse

    from events.models import Event
    from house.models import Role
    from tests.events.factories import EventFactory
    from tests.factories import staff_user

    event = EventFactory(organisation=None, publication=Event.Publication.PUBLISHED)
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)
    form = client.get(reverse("events:edit", kwargs={"slug": event.slug})).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"image", "target_groups", "languages"}
    }
    data["start"] = event.start.strftime("%Y-%m-%dT%H:%M")
    data["end"] = event.end.strftime("%Y-%m-%dT%H:%M")
    data["image_alt"] = "Plakat"
    data["image"] = upload(gif_html_polyglot(), "plakat.gif")

    response = client.post(reverse("events:edit", kwargs={"slug": event.slug}), data)

    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert event.image.name.endswith(".png")
    with default_storage.open(event.image.name, "rb") as stored:
        assert b"<script" not in stored.read()
    page = client.get(event.get_absolute_url()).content.decode()
    thumb = event.image.name.removesuffix(".png") + ".detail.png"
    assert f'src="/media/{thumb}" width="960" height="540"' in page
    with default_storage.open(thumb, "rb") as stored:
        assert Image.open(stored).size == (960, 540)


def test_event_form_refuses_a_huge_tiff_with_a_german_message(client):
    from django.urls import reverse

    from house.models import Role
    from tests.events.factories import EventFactory
    from tests.factories import staff_user

    event = EventFactory(organisation=None)
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    tiff = encoded(Image.new("1", (6000, 6000), 0), "TIFF", compression="group4")

    response = client.post(
        reverse("events:edit", kwargs={"slug": event.slug}),
        {"title": event.title, "image": upload(tiff, "flyer.tiff"), "image_alt": "Flyer"},
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["image"])
    assert "JPEG, PNG, WebP oder GIF" in errors or "Megapixel" in errors
    event.refresh_from_db()
    assert not event.image


def test_logo_polyglot_is_re_encoded_and_shown_as_a_thumbnail(client):
    from tenants.models import Organisation
    from tests.tenants.factories import OrganisationFactory, org_admin

    organisation = OrganisationFactory(is_public=True)
    admin = org_admin(organisation)
    client.force_login(admin)
    form = client.get(f"/organisations/{organisation.slug}/manage/profile/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, "") and name not in {"logo", "languages"}
    }
    data.update(logo=upload(gif_html_polyglot(), "logo.gif"), logo_alt="Unser Logo")

    response = client.post(f"/organisations/{organisation.slug}/manage/profile/", data)

    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(pk=organisation.pk)
    with default_storage.open(organisation.logo.name, "rb") as stored:
        assert b"<script" not in stored.read()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert organisation.logo.name.removesuffix(".png") + ".page.png" in page


def test_room_photos_are_shown_as_thumbnails_of_the_sizes_the_pages_use(client):
    from django.core.files.base import ContentFile

    from rooms.models import RoomPhoto
    from tests.rooms.factories import RoomFactory

    room = RoomFactory(slug="saal")
    photo = RoomPhoto(room=room, alt_text="Der Saal")
    photo.image.save("saal.jpg", ContentFile(encoded(Image.new("RGB", (3000, 1000)), "JPEG")))

    listing = client.get("/rooms/").content.decode()
    detail = client.get("/rooms/saal/").content.decode()

    assert 'rooms/saal.card.jpg" width="640" height="400"' in listing
    assert 'rooms/saal.detail.jpg" width="1200" height="750"' in detail
    with default_storage.open("rooms/saal.card.jpg", "rb") as stored:
        assert Image.open(stored).size == (640, 400)
