"""Organisations of the house, their members and invitations, and the public service directory.

The directory follows Open Referral HSDS 3.0: an :class:`Organisation` offers
:class:`Service` entries, each with a location in the house and a schedule of
:class:`ConsultationHours`. ``last_verified`` is HSDS's ``assured_date``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from house.images import CleanImageField

if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"

#: A logo may be this big at most (bytes).
LOGO_MAX_BYTES = 2 * 1024 * 1024


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


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def public(self) -> OrganisationQuerySet:
        """Organisations shown in the public directory and on public pages.

        External bookers never are: they are in Hausportal only to book rooms.
        """
        return self.filter(is_public=True).exclude(kind=Organisation.Kind.EXTERNAL)

    def visible_to(self, user: AnyUser) -> OrganisationQuerySet:
        """Public organisations, plus one's own; house management sees every organisation."""
        from house.permissions import can_manage_house

        if can_manage_house(user):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        public = Q(is_public=True) & ~Q(kind=Organisation.Kind.EXTERNAL)
        return self.filter(public | Q(memberships__user=user)).distinct()

    def managed_by(self, user: AnyUser) -> OrganisationQuerySet:
        """Organisations whose profile, services and members ``user`` may change."""
        from house.permissions import can_manage_house

        if can_manage_house(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__user=user, memberships__role=Membership.Role.ADMIN
        ).distinct()

    def of_member(self, user: AnyUser) -> OrganisationQuerySet:
        """Organisations ``user`` belongs to (as admin or member)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def tenants(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.TENANT)

    def in_house_now(self, on: dt.date | None = None) -> OrganisationQuerySet:
        """Tenants whose tenancy runs on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.tenants().filter(
            Q(tenancy_since__isnull=True) | Q(tenancy_since__lte=on),
            Q(tenancy_until__isnull=True) | Q(tenancy_until__gte=on),
        )

    def with_profile(self) -> OrganisationQuerySet:
        return self.prefetch_related("languages")


class Organisation(models.Model):
    """A tenant, partner, network member, external booker or public body."""

    class Kind(models.TextChoices):
        TENANT = "tenant", _("House tenant")
        PARTNER = "partner", _("Partner")
        NETWORK_MEMBER = "network", _("Network member")
        EXTERNAL = "external", _("External booker")
        PUBLIC_BODY = "public_body", _("Public body")

    class LegalForm(models.TextChoices):
        EV = "ev", _("Registered association (e.V.)")
        GGMBH = "ggmbh", _("Non-profit limited company (gGmbH)")
        FOUNDATION = "foundation", _("Foundation (Stiftung)")
        PUBLIC_BODY = "public_body", _("Public body")
        COMPANY = "company", _("Company")
        INITIATIVE = "initiative", _("Initiative")
        OTHER = "other", pgettext_lazy("legal form", "Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=80,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens; appears in the page address."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TENANT)
    legal_form = models.CharField(
        _("legal form"), max_length=16, choices=LegalForm.choices, default=LegalForm.EV
    )
    nonprofit_notice_date = models.DateField(
        _("non-profit exemption notice of"),
        null=True,
        blank=True,
        help_text=_("Date of the tax office's exemption notice (Freistellungsbescheid)."),
    )
    nonprofit_notice_expires = models.DateField(
        _("non-profit exemption valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the notice names no end. Room fees depend on it."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = CleanImageField(
        _("logo"),
        upload_to="organisations/",
        blank=True,
        limit_bytes=LOGO_MAX_BYTES,
        # Shown 120 pixels wide on the organisation's page (twice that for sharp screens).
        thumbnails={"page": (240, 240, "pad")},
    )
    logo_alt = models.CharField(
        _("logo text alternative"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail address"), blank=True)
    phone = models.CharField(_("public phone"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Where the organisation is based; local groups book rooms at other rates."),
    )
    office_floor = models.SmallIntegerField(
        _("floor in the house"),
        null=True,
        blank=True,
        help_text=_("0 is the ground floor."),
    )
    office_room = models.CharField(_("room number"), max_length=30, blank=True)
    tenancy_since = models.DateField(_("tenant since"), null=True, blank=True)
    tenancy_until = models.DateField(_("tenant until"), null=True, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages offered"), blank=True, related_name="organisations"
    )
    is_public = models.BooleanField(
        _("shown in the public directory"),
        default=True,
        help_text=_("Public organisations appear in the service directory and on the house page."),
    )
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Seen by the organisation and house management only."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nonprofit_notice_expires__isnull=True)
                | Q(nonprofit_notice_date__isnull=False),
                name="organisation_nonprofit_expiry_needs_notice",
            ),
            models.CheckConstraint(
                condition=Q(nonprofit_notice_expires__isnull=True)
                | Q(nonprofit_notice_expires__gte=models.F("nonprofit_notice_date")),
                name="organisation_nonprofit_expiry_after_notice",
            ),
            models.CheckConstraint(
                condition=Q(tenancy_until__isnull=True)
                | Q(tenancy_since__isnull=True)
                | Q(tenancy_until__gte=models.F("tenancy_since")),
                name="organisation_tenancy_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["kind", "office_floor"], name="org_kind_floor_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tenants:organisation_detail", kwargs={"slug": self.slug})

    def has_valid_nonprofit_proof(self, on: dt.date | None = None) -> bool:
        """True when a tax exemption notice is on file and has not expired on ``on`` (today)."""
        on = on or timezone.localdate()
        if self.nonprofit_notice_date is None:
            return False
        return self.nonprofit_notice_expires is None or self.nonprofit_notice_expires >= on

    @property
    def location_label(self) -> str:
        return location_label(self.office_floor, self.office_room)


def location_label(floor: int | None, room: str) -> str:
    """A human description of a place in the house: "2nd floor, room 204"."""
    parts = []
    if floor is not None:
        parts.append(str(_("Ground floor")) if floor == 0 else str(_("Floor %(n)s")) % {"n": floor})
    if room:
        parts.append(str(_("room %(room)s")) % {"room": room})
    return ", ".join(parts)


class Membership(models.Model):
    """A person's role in an organisation. One person may belong to several organisations."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=14)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def for_emails(self, emails: list[str]) -> InvitationQuerySet:
        query = Q(pk__in=[])
        for email in emails:
            query |= Q(email__iexact=email)
        return self.filter(query)


class Invitation(models.Model):
    """An admin's invitation of a colleague by e-mail; accepting it creates the membership."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=8, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("tenants:invitation_accept", kwargs={"token": self.token})

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ContactQuerySet(models.QuerySet["Contact"]):
    def public(self) -> ContactQuerySet:
        return self.filter(is_public=True)


class Contact(models.Model):
    """A contact person of an organisation; internal ones are seen by the house only."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Public contacts appear on the organisation's page; others only for the house."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet["Service"]):
    def public(self) -> ServiceQuerySet:
        """Services shown in the directory: not ended, of a public organisation."""
        return (
            self.exclude(status=Service.Status.ENDED)
            .filter(organisation__is_public=True)
            .exclude(organisation__kind=Organisation.Kind.EXTERNAL)
        )

    def visible_to(self, user: AnyUser) -> ServiceQuerySet:
        """Public services, plus every service of one's own organisations; management sees all."""
        from house.permissions import can_manage_house

        if can_manage_house(user):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        return self.filter(
            Q(pk__in=self.public().values("pk"))
            | Q(organisation__in=Organisation.objects.of_member(user))
        )

    def managed_by(self, user: AnyUser) -> ServiceQuerySet:
        return self.filter(organisation__in=Organisation.objects.managed_by(user))

    def for_listing(self) -> ServiceQuerySet:
        """What a list of services shows: organisation, target groups, languages and hours."""
        return self.select_related("organisation").prefetch_related(
            "target_groups", "languages", "schedules"
        )

    def search(self, text: str) -> ServiceQuerySet:
        """Services whose name, description, organisation or vocabulary mention every word."""
        found = self
        for word in normalise_search_text(text).split():
            found = found.filter(search_text__contains=word)
        return found

    def open_at(self, moment: dt.datetime) -> ServiceQuerySet:
        """Services with consultation hours running at ``moment`` (Europe/Berlin)."""
        local = timezone.localtime(moment)
        return self.filter(pk__in=ConsultationHours.objects.running_at(local).values("service_id"))

    def due_for_verification(self, today: dt.date) -> ServiceQuerySet:
        """Active entries last confirmed more than six months ago and not asked about yet."""
        limit = today - dt.timedelta(days=VERIFY_AFTER_DAYS)
        return self.exclude(status=Service.Status.ENDED).filter(
            last_verified__lt=limit, verification_requested_at__isnull=True
        )

    def overdue_for_verification(self, now: dt.datetime) -> ServiceQuerySet:
        """Entries asked about more than 30 days ago, still unconfirmed and not flagged yet."""
        return self.exclude(status=Service.Status.ENDED).filter(
            verification_requested_at__lt=now - dt.timedelta(days=VERIFY_GRACE_DAYS),
            flagged_at__isnull=True,
        )


#: A directory entry is confirmed every six months; house management hears of it 30 days later.
VERIFY_AFTER_DAYS = 182
VERIFY_GRACE_DAYS = 30

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "ş": "s", "ç": "c"})


def normalise_search_text(text: str) -> str:
    """Lower-case, umlauts folded, whitespace collapsed: "Türkisch" and "tuerkisch" match."""
    return " ".join(text.lower().translate(_FOLD).split())


class Service(models.Model):
    """A service an organisation offers to the public (HSDS ``service``)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "closed", _("Temporarily closed")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    description = models.TextField(_("description"))
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="services"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="services"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="services"
    )
    eligibility = models.TextField(
        _("who can use it"), blank=True, help_text=_("Conditions, if there are any.")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_description = models.CharField(
        _("costs"), max_length=300, blank=True, help_text=_("Describe the costs if it is not free.")
    )
    access_walk_in = models.BooleanField(_("walk in without appointment"), default=False)
    access_appointment = models.BooleanField(_("by appointment"), default=True)
    access_phone = models.BooleanField(_("by phone"), default=False)
    access_online = models.BooleanField(_("online"), default=False)
    location_floor = models.SmallIntegerField(
        _("floor in the house"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the organisation's office."),
    )
    location_room = models.CharField(_("room number"), max_length=30, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, sign language, easy language…"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    last_verified = models.DateField(
        _("last verified"),
        default=timezone.localdate,
        help_text=_("When the organisation last confirmed that this entry is correct."),
    )
    verification_requested_at = models.DateTimeField(
        _("confirmation requested"), null=True, blank=True, editable=False
    )
    flagged_at = models.DateTimeField(
        _("reported to house management as unconfirmed"), null=True, blank=True, editable=False
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="service_slug_unique"),
            models.CheckConstraint(
                condition=Q(is_free=True) | ~Q(cost_description=""),
                name="service_cost_described_unless_free",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "last_verified"], name="service_status_verified_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "tenants:service_detail",
            kwargs={"slug": self.organisation.slug, "service_slug": self.slug},
        )

    @property
    def location_label(self) -> str:
        if self.location_floor is None and not self.location_room:
            return self.organisation.location_label
        return location_label(self.location_floor, self.location_room)

    @property
    def reachable_phone(self) -> str:
        """The number to call about this service: its own, else its organisation's."""
        return self.phone or self.organisation.phone

    @property
    def access_labels(self) -> list[str]:
        labels = []
        for field in ("access_walk_in", "access_appointment", "access_phone", "access_online"):
            if getattr(self, field):
                labels.append(str(self._meta.get_field(field).verbose_name))  # type: ignore[union-attr]
        return labels

    def next_opening(
        self, after: dt.datetime | None = None, closed: Collection[dt.date] = ()
    ) -> tuple[dt.datetime, dt.datetime] | None:
        """The next consultation hours (start, end) at or after ``after``, from prefetched rows.

        Days in ``closed`` (the house's closure days) are skipped.
        """
        after = timezone.localtime(after or timezone.now())
        found = [
            occurrence
            for hours in self.schedules.all()
            if (occurrence := hours.next_occurrence(after, closed)) is not None
        ]
        return min(found) if found else None


#: How far ahead the next consultation hours are looked for (a monthly rule fits in).
LOOKAHEAD_DAYS = 36


class ConsultationHoursQuerySet(models.QuerySet["ConsultationHours"]):
    def on_day(self, day: dt.date) -> ConsultationHoursQuerySet:
        """Hours held on ``day``: weekly ones of its weekday, monthly ones of its week."""
        week = (day.day - 1) // 7 + 1
        is_last = (day + dt.timedelta(days=7)).month != day.month
        weeks = Q(week_of_month__isnull=True) | Q(week_of_month=week)
        if is_last:
            weeks |= Q(week_of_month=-1)
        return self.filter(weeks, weekday=day.weekday())

    def running_at(self, local: dt.datetime) -> ConsultationHoursQuerySet:
        """Hours running at the local (Europe/Berlin) moment ``local``."""
        return self.on_day(local.date()).filter(
            opens_at__lte=local.time(), closes_at__gt=local.time()
        )

    def public_on(self, day: dt.date) -> ConsultationHoursQuerySet:
        """What the public can come to on ``day``: hours of public services, by opening time."""
        return (
            self.on_day(day)
            .filter(service__in=Service.objects.public())
            .select_related("service", "service__organisation")
            .order_by("opens_at", "service__name")
        )


class ConsultationHours(models.Model):
    """Recurring consultation hours in Europe/Berlin local time (HSDS ``schedule``).

    Weekly on ``weekday``, or monthly on its n-th occurrence (``week_of_month``
    1–4, or -1 for the last one). Belongs to an organisation and optionally to
    one of its services.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, pgettext_lazy("week of month", "first")
        SECOND = 2, pgettext_lazy("week of month", "second")
        THIRD = 3, pgettext_lazy("week of month", "third")
        FOURTH = 4, pgettext_lazy("week of month", "fourth")
        LAST = -1, pgettext_lazy("week of month", "last")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        help_text=_("Leave empty for the organisation's general office hours."),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("only in the week"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty for every week."),
    )
    opens_at = models.TimeField(_("from"))
    closes_at = models.TimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ConsultationHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation hours")
        verbose_name_plural = _("consultation hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="consultationhours_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6),
                name="consultationhours_weekday_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["weekday", "opens_at", "closes_at"], name="hours_weekday_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    @property
    def label(self) -> str:
        if self.week_of_month is None:
            day = str(self.get_weekday_display())
        else:
            day = str(_("%(nth)s %(weekday)s of the month")) % {
                "nth": self.get_week_of_month_display(),
                "weekday": self.get_weekday_display(),
            }
        return f"{day}, {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def _runs_on(self, day: dt.date) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.week_of_month is None:
            return True
        if self.week_of_month == -1:
            return (day + dt.timedelta(days=7)).month != day.month
        return (day.day - 1) // 7 + 1 == self.week_of_month

    def next_occurrence(
        self, after: dt.datetime, closed: Collection[dt.date] = ()
    ) -> tuple[dt.datetime, dt.datetime] | None:
        """The next (start, end) in Europe/Berlin whose end lies after ``after``, within 5 weeks.

        Days in ``closed`` are skipped.
        """
        tz = timezone.get_current_timezone()
        local = timezone.localtime(after, tz)
        for offset in range(LOOKAHEAD_DAYS):
            day = local.date() + dt.timedelta(days=offset)
            if day in closed or not self._runs_on(day):
                continue
            start = dt.datetime.combine(day, self.opens_at, tzinfo=tz)
            end = dt.datetime.combine(day, self.closes_at, tzinfo=tz)
            if end > local:
                return start, end
        return None


class OutdatedReport(models.Model):
    """A visitor's note that a directory entry is out of date."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="outdated_reports",
    )
    message = models.TextField(_("what is out of date"), max_length=2000)
    email = models.EmailField(
        _("your e-mail address (optional)"),
        blank=True,
        help_text=_("Only if you would like an answer."),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("report of outdated information")
        verbose_name_plural = _("reports of outdated information")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service} ({self.created_at:%d.%m.%Y})"
