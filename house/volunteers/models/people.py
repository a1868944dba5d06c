"""Volunteers and the consent they gave, purpose by purpose."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from house.permissions import has_role
from house.roles import Role

if TYPE_CHECKING:
    from house.models import User


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    POST = "post", _("Letter")


class VolunteerProfileQuerySet(models.QuerySet["VolunteerProfile"]):
    def visible_to(self, user: User) -> VolunteerProfileQuerySet:
        """Coordinators see every volunteer; a volunteer sees their own profile."""
        if not user.is_authenticated:
            return self.none()
        if has_role(user, Role.VOLUNTEER_COORDINATION):
            return self
        return self.filter(user=user)

    def active(self) -> VolunteerProfileQuerySet:
        return self.filter(is_active=True)


class VolunteerProfile(models.Model):
    """A volunteer of the house. Most have an account; someone with only a phone is kept
    by the coordination on their behalf (``user`` empty, ``registered_by`` set)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteer_profile",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_channel = models.CharField(
        _("how to contact me"),
        max_length=10,
        choices=ContactChannel.choices,
        default=ContactChannel.EMAIL,
    )
    interests = models.TextField(_("interests"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    available_weekdays = models.JSONField(
        _("weekdays I can usually help"), default=list, blank=True
    )
    availability_note = models.CharField(_("availability, in words"), max_length=200, blank=True)
    show_name_on_lists = models.BooleanField(
        _("show my name on shift lists"),
        default=True,
        help_text=_("Other volunteers see your first name on the shifts you take."),
    )
    coordinator_notes = models.TextField(
        _("notes of the coordination"),
        blank=True,
        help_text=_("Only the volunteer coordination sees these notes."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered on their behalf by"),
    )
    feed_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    last_asked_at = models.DateTimeField(_("last asked to stand in"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = VolunteerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0] if self.name else ""

    @property
    def contact_email(self) -> str:
        if self.user is not None and self.user.email:
            return self.user.email
        return self.email

    @property
    def language(self) -> str:
        return self.user.language if self.user is not None else "de"

    @property
    def is_kept_on_behalf(self) -> bool:
        return self.user_id is None


class ConsentPurpose(models.TextChoices):
    REGISTRY = "registry", _("Keep my profile in the volunteer registry")
    CONTACT = "contact", _("Contact me about shifts and opportunities")
    NAME_ON_LISTS = "name_on_lists", _("Show my first name on shift lists")
    PHOTOS = "photos", _("Photos of volunteer activities")


class ConsentChannel(models.TextChoices):
    ONLINE = "online", _("Online form")
    PAPER = "paper", _("Signed paper form")


#: The version of the consent texts; raise it whenever a text in ConsentPurpose changes.
CONSENT_TEXT_VERSION = "2026-01"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def current(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """One consent for one purpose: which text version, when, how; withdrawable."""

    profile = models.ForeignKey(VolunteerProfile, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    channel = models.CharField(_("channel"), max_length=10, choices=ConsentChannel.choices)
    given_at = models.DateTimeField(_("given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["profile", "purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="volunteer_one_current_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.get_purpose_display()}"
