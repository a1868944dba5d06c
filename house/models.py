"""House-wide domain: people and roles, the house profile, closure days, legal pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from collections.abc import Iterable


class Role(models.TextChoices):
    """House-wide roles. Each is a Django group of the same name (see ``house.permissions``).

    Organisation roles (tenant admin and member) belong to the membership of an
    organisation, not to a group: they are answered by ``tenants.permissions``.
    """

    HOUSE_MANAGEMENT = "house_management", _("House management")
    RECEPTION = "reception", _("Reception")
    VOLUNTEER_COORDINATION = "volunteer_coordination", _("Volunteer coordination")
    SOCIAL_LAB_STAFF = "social_lab_staff", _("Social Lab staff")
    MENTOR = "mentor", _("Mentor")
    CURATORIUM_MEMBER = "curatorium_member", _("Curatorium member")


#: Roles that handle other people's data for the house: they must use two-factor login.
STAFF_ROLES = frozenset(
    {Role.HOUSE_MANAGEMENT, Role.RECEPTION, Role.VOLUNTEER_COORDINATION, Role.SOCIAL_LAB_STAFF}
)


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: User) -> UserQuerySet:
        """People a user may look up: house management sees everyone, anybody else only themself."""
        from house.permissions import can_manage_people

        if not user.is_authenticated:
            return self.none()
        if can_manage_people(user):
            return self
        return self.filter(pk=user.pk)

    def with_role(self, role: Role) -> UserQuerySet:
        return self.filter(groups__name=role.value, is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("Users need an e-mail address.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a login: staff, tenants' colleagues, founders, volunteers."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("E-mails are sent in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin access"),
        default=False,
        help_text=_("May sign in to the Django administration."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    volunteering_since = models.DateField(
        _("volunteering in the house since"),
        null=True,
        blank=True,
        help_text=_("Regular volunteering for more than a year allows private celebrations."),
    )
    privacy_consent_at = models.DateTimeField(
        _("agreed to the privacy notice"), null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def role_names(self) -> frozenset[str]:
        """The house roles (:class:`Role` values) this user holds, read once per user object."""
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = (
                frozenset(self.groups.filter(name__in=Role.values).values_list("name", flat=True))
                if self.pk
                else frozenset()
            )
            self._role_names = cached
        return cached


class HouseProfile(models.Model):
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
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    short_description = models.TextField(_("short description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="house/", blank=True)
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


class ClosureDayQuerySet(models.QuerySet["ClosureDay"]):
    def between(self, start: dt.date, end: dt.date) -> ClosureDayQuerySet:
        return self.filter(date__gte=start, date__lte=end)

    def upcoming(self) -> ClosureDayQuerySet:
        return self.filter(date__gte=timezone.localdate())

    def closed_dates(self, days: Iterable[dt.date]) -> set[dt.date]:
        return set(self.filter(date__in=list(days)).values_list("date", flat=True))


class ClosureDay(models.Model):
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
        return f"{self.date:%d.%m.%Y} – {self.reason}"


class LegalPage(models.Model):
    """Impressum and privacy notice; their text is maintained by house management."""

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Legal notice")
        PRIVACY = "datenschutz", _("Privacy notice")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

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
        return reverse("house:legal", kwargs={"slug": self.slug})

    def localized(self) -> tuple[str, str]:
        """Title and text in the active language, German when no translation is kept."""
        if translation.get_language() == "en" and self.body_en:
            return self.title_en or self.title, self.body_en
        return self.title, self.body


class OutboxEmailQuerySet(models.QuerySet["OutboxEmail"]):
    def due(self, now: dt.datetime | None = None) -> OutboxEmailQuerySet:
        return self.filter(
            status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now or timezone.now()
        )

    def for_ref(self, ref: str) -> OutboxEmailQuerySet:
        return self.filter(ref=ref).order_by("-created_at")


class OutboxEmail(models.Model):
    """An e-mail written in the same transaction as the change it reports.

    A task sends it after commit; the row's status makes sending idempotent
    (the claim is a conditional UPDATE), and a periodic sweeper picks up what
    a lost broker message or a killed worker left behind.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    ref = models.CharField(
        _("refers to"), max_length=100, blank=True, help_text=_("For example rooms.booking:42.")
    )
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triggered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["ref", "-created_at"], name="outbox_ref_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
