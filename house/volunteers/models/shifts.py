"""Opportunities, their shifts (single or repeating), assignments and stand-in offers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.permissions import has_role
from house.roles import Role
from house.volunteers.models.people import new_token

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import WithAnnotations

    from house.models import User


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def published(self) -> OpportunityQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: User | AnonymousUser) -> OpportunityQuerySet:
        if has_role(user, Role.VOLUNTEER_COORDINATION):
            return self
        return self.published()


class Opportunity(models.Model):
    """A way to help: the café, homework help, reading to children, an event of a tenant."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), unique=True)
    description = models.TextField(_("what you do"))
    place = models.CharField(_("where"), max_length=200, blank=True)
    for_whom = models.CharField(_("for whom"), max_length=200, blank=True)
    organiser = models.CharField(
        _("offered by"), max_length=200, blank=True, help_text=_("Empty: the house itself.")
    )
    skills = models.CharField(_("helpful skills"), max_length=300, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    required_qualifications = models.ManyToManyField(
        "volunteers.QualificationType",
        blank=True,
        related_name="+",
        verbose_name=_("required qualifications"),
    )
    involves_children = models.BooleanField(
        _("contact with children or young people"), default=False
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteers:opportunity", kwargs={"slug": self.slug})


class Interest(models.Model):
    """Someone without an account says they would like to help; the coordination calls back."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    consent_text_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="interest_has_a_way_back"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.opportunity}"


class ShiftSeries(models.Model):
    """Shifts that repeat by a rule in Europe/Berlin wall-clock time (the café's weekdays)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(
        _("repeat rule"),
        max_length=300,
        help_text=_("For example FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    min_staff = models.PositiveSmallIntegerField(_("minimum staff"), default=1)
    max_staff = models.PositiveSmallIntegerField(_("maximum staff"), default=2)
    reserved_places = models.PositiveSmallIntegerField(_("places reserved"), default=0)
    reserved_for = models.ForeignKey(
        "volunteers.QualificationType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reserved for holders of"),
    )
    reserved_open_days = models.PositiveSmallIntegerField(
        _("reserved places open days before"), default=3
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shift series")
        verbose_name_plural = _("shift series")
        ordering = ["opportunity", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="series_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="series_last_day_after_first"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ShiftQuerySet(models.QuerySet["Shift"]):
    def upcoming(self) -> ShiftQuerySet:
        return self.filter(end__gt=timezone.now(), cancelled_at__isnull=True)

    def between(self, start: dt.datetime, end: dt.datetime) -> ShiftQuerySet:
        return self.filter(start__lt=end, end__gt=start)

    def open_to_volunteers(self) -> ShiftQuerySet:
        return self.filter(cancelled_at__isnull=True, opportunity__is_published=True)

    def visible_to(self, user: User) -> ShiftQuerySet:
        if has_role(user, Role.VOLUNTEER_COORDINATION):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.open_to_volunteers()

    def with_staffing(self) -> models.QuerySet[StaffedShift]:
        """Each shift with ``staffed`` (confirmed or offered places) and ``waiting``."""
        # The stubs type a Count as Any; StaffedShift names its result, an int.
        staffing = self.select_related("opportunity").annotate(
            staffed=Count(
                "assignments",
                filter=Q(assignments__status__in=Assignment.HOLDING),
                distinct=True,
            ),
            waiting=Count(
                "assignments",
                filter=Q(assignments__status=Assignment.Status.WAITING),
                distinct=True,
            ),
        )
        return cast("models.QuerySet[StaffedShift]", staffing)


class Shift(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="shifts")
    series = models.ForeignKey(
        ShiftSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="shifts"
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    min_staff = models.PositiveSmallIntegerField(_("minimum staff"), default=1)
    max_staff = models.PositiveSmallIntegerField(_("maximum staff"), default=2)
    signup_deadline = models.DateTimeField(_("sign-up until"), null=True, blank=True)
    required_qualifications = models.ManyToManyField(
        "volunteers.QualificationType",
        blank=True,
        related_name="+",
        verbose_name=_("required qualifications"),
    )
    reserved_places = models.PositiveSmallIntegerField(_("places reserved"), default=0)
    reserved_for = models.ForeignKey(
        "volunteers.QualificationType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reserved for holders of"),
    )
    reserved_open_days = models.PositiveSmallIntegerField(
        _("reserved places open days before"), default=3
    )
    understaffed_alert_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["start"], name="shift_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="shift_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(max_staff__gte=models.F("min_staff")) & Q(max_staff__gte=1),
                name="shift_max_staff_at_least_min",
            ),
            models.CheckConstraint(
                condition=Q(reserved_places__lte=models.F("max_staff")),
                name="shift_reserved_within_max",
            ),
            models.UniqueConstraint(
                fields=["series", "start"],
                condition=Q(series__isnull=False),
                name="shift_once_per_series_start",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{self.title}, {local:%d.%m.%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("volunteers:shift", kwargs={"pk": self.pk})

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def reservation_opens_at(self) -> dt.datetime:
        return self.start - dt.timedelta(days=self.reserved_open_days)

    def deadline(self) -> dt.datetime:
        return self.signup_deadline or self.start


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def holding(self) -> AssignmentQuerySet:
        return self.filter(status__in=Assignment.HOLDING)

    def visible_to(self, user: User) -> AssignmentQuerySet:
        if has_role(user, Role.VOLUNTEER_COORDINATION):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)


class Assignment(models.Model):
    """A volunteer on a shift, or on its waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Signed up")
        OFFERED = "offered", _("Place offered, waiting for confirmation")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        HANDED_OVER = "handed_over", _("Handed over to a stand-in")
        EXPIRED = "expired", _("Offer expired")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        CAME = "came", _("Came")
        MISSED = "missed", _("Missed")
        EXCUSED = "excused", _("Excused")

    HOLDING = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="assignments"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, default="", blank=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    stand_in_wanted_at = models.DateTimeField(_("stand-in wanted since"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["shift__start", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "profile"],
                condition=Q(status__in=["confirmed", "offered", "waiting"]),
                name="assignment_once_per_shift",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="assignment_offer_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.shift}"

    @property
    def is_holding(self) -> bool:
        return self.status in self.HOLDING


class StandInOffer(models.Model):
    """A volunteer asked to take over a place whose holder cannot come."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="stand_in_offers"
    )
    candidate = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="stand_in_offers"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "candidate"], name="stand_in_once_per_candidate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.assignment}"


class StaffingAnnotations(TypedDict):
    """What ``ShiftQuerySet.with_staffing`` adds to each shift."""

    staffed: int
    waiting: int


if TYPE_CHECKING:
    #: A shift from ``ShiftQuerySet.with_staffing``.
    StaffedShift = WithAnnotations[Shift, StaffingAnnotations]
