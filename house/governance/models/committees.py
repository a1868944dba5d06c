"""Committees and their members: the curatorium, the network's working groups, boards.

A committee keeps its rules as data (quorum, notice period, the rule for
decisions without a meeting, term length), so that every committee of the
house runs on the same services with its own rules.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.permissions import has_role
from house.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = User | AnonymousUser


class CommitteeQuerySet(models.QuerySet["Committee"]):
    def active(self) -> CommitteeQuerySet:
        return self.filter(deleted=False)

    def public(self) -> CommitteeQuerySet:
        """Committees whose public data (members with consent, public items) the house shows."""
        return self.active().filter(is_public=True)

    def visible_to(self, user: AnyUser) -> CommitteeQuerySet:
        """The committees whose internal area ``user`` may open: their own (as member or
        deputy), all of them for house management, working groups for the network
        coordination."""
        if not user.is_authenticated:
            return self.none()
        if has_role(user, Role.HOUSE_MANAGEMENT):
            return self.active()
        condition = Q(
            memberships__in=Membership.objects.current().filter(Q(person=user) | Q(deputy=user))
        )
        if has_role(user, Role.NETWORK_COORDINATION):
            condition |= Q(kind=Committee.Kind.WORKING_GROUP)
        return self.active().filter(condition).distinct()


class Committee(models.Model):
    """A body that meets, decides and follows up, with its rules as data."""

    class Kind(models.TextChoices):
        CURATORIUM = "curatorium", _("Curatorium")
        WORKING_GROUP = "working_group", _("Working group")
        BOARD = "board", _("Board")
        OTHER = "other", _("Other committee")

    class CircularRule(models.TextChoices):
        UNANIMOUS = "unanimous", _("Every member agrees in text form (§ 32 (2) BGB)")
        MAJORITY = "majority", _("A majority of all voting members agrees")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Show members (with their consent), public agenda items, resolutions and minutes "
            "on public pages and in the open data interface."
        ),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (more than … percent of the voting members present)"),
        default=50,
        help_text=_("50 means: more than half of the voting members must be present."),
    )
    notice_days = models.PositiveSmallIntegerField(
        _("notice period for invitations (days)"), default=14
    )
    circular_rule = models.CharField(
        _("decisions without a meeting"),
        max_length=16,
        choices=CircularRule.choices,
        default=CircularRule.UNANIMOUS,
    )
    term_months = models.PositiveSmallIntegerField(_("term of office (months)"), default=36)
    repeat_meeting_has_quorum = models.BooleanField(
        _("a repeat meeting has a quorum whoever comes"),
        default=True,
        help_text=_(
            "After a meeting without quorum, the repeat meeting decides with those present."
        ),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="governance_committee_quorum_percent"
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1), name="governance_committee_term_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def has_quorum(self, *, present: int, voting: int) -> bool:
        """More than ``quorum_percent`` of the ``voting`` seats are ``present``."""
        if voting <= 0:
            return False
        return present * 100 > self.quorum_percent * voting


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        """Memberships whose term includes ``on`` (today by default)."""
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def voting(self) -> MembershipQuerySet:
        return self.filter(voting_right=True)

    def public(self) -> MembershipQuerySet:
        """Memberships the person agreed to show publicly, in public committees."""
        return self.filter(public_consent=True, committee__is_public=True, committee__deleted=False)

    def by_role(self) -> MembershipQuerySet:
        """Chair first, then deputy chair, members and advisory members, each by name."""
        order = models.Case(
            *(
                models.When(role=role, then=index)
                for index, role in enumerate(Membership.Role.values)
            ),
            output_field=models.IntegerField(),
        )
        return self.annotate(role_order=order).order_by("role_order", "person__name")

    def ending_between(self, start: dt.date, end: dt.date) -> MembershipQuerySet:
        return self.filter(end_date__gte=start, end_date__lte=end)


class Membership(models.Model):
    """A person's seat in a committee for one term (OParl ``Membership``)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
        MEMBER = "member", _("Member")
        ADVISORY = "advisory", _("Advisory member")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="committee_memberships",
    )
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("represented organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    voting_right = models.BooleanField(_("voting right"), default=True)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personal deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_deputyships",
    )
    start_date = models.DateField(_("term start"))
    end_date = models.DateField(_("term end"), null=True, blank=True)
    public_consent = models.BooleanField(
        _("may be shown publicly"),
        default=False,
        help_text=_("The person agreed that their name and organisation appear on public pages."),
    )
    term_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("committee", "role", "person__name")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="governance_membership_term_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(role="advisory") | Q(voting_right=False),
                name="governance_membership_advisory_without_vote",
            ),
            models.CheckConstraint(
                condition=~Q(deputy=models.F("person")),
                name="governance_membership_deputy_is_another_person",
            ),
            models.UniqueConstraint(
                fields=("committee", "person", "start_date"),
                name="governance_membership_one_per_term_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.committee})"

    def is_current(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
