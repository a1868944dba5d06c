"""The public service directory: contacts, services and reports of outdated entries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models.organisation import Organisation, location_label
from tenants.models.vocabulary import Language, TargetGroup, Topic

if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"


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
        from tenants.models.hours import ConsultationHours

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
