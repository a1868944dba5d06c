"""The house itself: its profile, closure days and legal pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from house.formats import format_as
from house.images import CleanImageField
from house.translated import TranslatedFields

if TYPE_CHECKING:
    from collections.abc import Iterable


class HouseProfile(TranslatedFields, models.Model):
    """The one house this portal serves. There is exactly one row (pk 1)."""

    class FederalState(models.TextChoices):
        BW = "BW", "Baden-Württemberg"
        BY = "BY", "Bayern"
        BE = "BE", "Berlin"
        BB = "BB", "Brandenburg"
        HB = "HB", "Bremen"
        HH = "HH", "Hamburg"
        HE = "HE", "Hessen"
        MV = "MV", "Mecklenburg-Vorpommern"
        NI = "NI", "Niedersachsen"
        NW = "NW", "Nordrhein-Westfalen"
        RP = "RP", "Rheinland-Pfalz"
        SL = "SL", "Saarland"
        SN = "SN", "Sachsen"
        ST = "ST", "Sachsen-Anhalt"
        SH = "SH", "Schleswig-Holstein"
        TH = "TH", "Thüringen"

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    federal_state = models.CharField(
        _("federal state"),
        max_length=2,
        choices=FederalState.choices,
        default=FederalState.HE,
        help_text=_("Its public holidays close the house."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Where the map link points; empty: the map searches the address."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    opening_hours_en = models.TextField(
        _("opening hours (English)"), blank=True, help_text=_("Empty: the German text is shown.")
    )
    short_description = models.TextField(_("short description"), blank=True)
    short_description_en = models.TextField(
        _("short description (English)"),
        blank=True,
        help_text=_("Empty: the German text is shown."),
    )
    logo = CleanImageField(_("logo"), upload_to="house/", blank=True)
    logo_alt = models.CharField(_("logo text alternative"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("house profile")
        verbose_name_plural = _("house profile")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="houseprofile_singleton")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"

    @property
    def map_url(self) -> str:
        """A plain link to the house on OpenStreetMap (nothing of theirs is loaded into a page)."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
        return map_search_url(self.address_line)


def map_search_url(address: str) -> str:
    """A plain link to OpenStreetMap's search for ``address``."""
    return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


class ClosureDayQuerySet(models.QuerySet["ClosureDay"]):
    def between(self, start: dt.date, end: dt.date) -> ClosureDayQuerySet:
        return self.filter(date__gte=start, date__lte=end)

    def upcoming(self) -> ClosureDayQuerySet:
        return self.filter(date__gte=timezone.localdate())

    def closed_dates(self, days: Iterable[dt.date]) -> set[dt.date]:
        return set(self.filter(date__in=list(days)).values_list("date", flat=True))


class ClosureDay(TranslatedFields, models.Model):
    """A day on which the house is closed and no room can be booked."""

    class Kind(models.TextChoices):
        PUBLIC_HOLIDAY = "holiday", _("Public holiday")
        MAINTENANCE = "maintenance", _("Maintenance")
        OTHER = "other", pgettext_lazy("closure kind", "Other")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.MAINTENANCE
    )
    reason = models.CharField(_("reason"), max_length=200)
    reason_en = models.CharField(
        _("reason (English)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the German text is shown."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ClosureDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{format_as(self.date, 'short_date')} – {self.translated('reason')}"


class LegalPage(models.Model):
    """Impressum and privacy notice; their text is maintained by house management."""

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Legal notice")
        PRIVACY = "datenschutz", _("Privacy notice")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

    #: The address of each page (``/imprint/``); the stored slugs keep the pages' German names.
    PATHS: ClassVar[dict[str, str]] = {
        Slug.IMPRINT: "imprint",
        Slug.PRIVACY: "privacy",
        Slug.ACCESSIBILITY: "accessibility",
    }

    slug = models.SlugField(_("page"), max_length=32, choices=Slug.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; blank lines separate paragraphs."))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("house:legal", kwargs={"page": self.PATHS[self.slug]})

    def localized(self) -> tuple[str, str]:
        """Title and text in the active language, German when no translation is kept."""
        if translation.get_language() == "en" and self.body_en:
            return self.title_en or self.title, self.body_en
        return self.title, self.body
