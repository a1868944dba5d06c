"""Review of applications: teams, weighted criteria, phases, assignments, bids, conflicts."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sociallab.models.applications import Application
from sociallab.models.calls import Call


class ReviewerTeam(models.Model):
    """The people who review a call's applications (the jury). A team that must never
    see names reviews anonymously in every phase."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewer_teams")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="sociallab_reviewer_teams", blank=True
    )
    may_see_names = models.BooleanField(
        _("may see applicants' names"),
        default=False,
        help_text=_("Only where the current review phase shows names too."),
    )

    class Meta:
        verbose_name = _("reviewer team")
        verbose_name_plural = _("reviewer teams")
        ordering = ["call", "name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="sociallab_team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """A scored criterion of a call, weighted; it may be required or kept out of the total."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("what to look for"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    required = models.BooleanField(_("required"), default=True)
    in_total = models.BooleanField(_("counts towards the total"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="sociallab_weight_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(max_score__gte=1), name="sociallab_max_score_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewPhase(models.Model):
    """What reviewers may do and see while the phase is active (one active phase per call)."""

    class OtherReviews(models.TextChoices):
        ALWAYS = "always", _("Always")
        NEVER = "never", _("Never")
        AFTER_OWN = "after_own", _("After their own review")

    class Scope(models.TextChoices):
        ALL = "all", _("All applications of the call")
        ASSIGNED = "assigned", _("Only applications assigned to them")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="review_phases")
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=False)
    can_review = models.BooleanField(_("reviews can be written"), default=True)
    can_bid = models.BooleanField(_("reviewers may bid for applications"), default=False)
    other_reviews = models.CharField(
        _("reviewers see other reviews"),
        max_length=10,
        choices=OtherReviews.choices,
        default=OtherReviews.AFTER_OWN,
    )
    show_names = models.BooleanField(_("reviewers see applicants' names"), default=False)
    scope = models.CharField(
        _("reviewers see"), max_length=10, choices=Scope.choices, default=Scope.ASSIGNED
    )

    class Meta:
        verbose_name = _("review phase")
        verbose_name_plural = _("review phases")
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["call"], condition=Q(is_active=True), name="sociallab_one_active_phase"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A reviewer is to review an application (set by staff or taken from a bid)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_assignments"
    )
    from_bid = models.BooleanField(_("from a bid"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("reviewer", "assignment")
        verbose_name_plural = pgettext_lazy("reviewer", "assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="sociallab_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.application}"


class Bid(models.Model):
    """How much a reviewer would like to review an application."""

    class Preference(models.IntegerChoices):
        EAGER = 2, _("I would like to review this")
        WILLING = 1, _("I can review this")
        RATHER_NOT = 0, _("Rather not")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="bids")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_bids"
    )
    preference = models.PositiveSmallIntegerField(_("preference"), choices=Preference.choices)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="sociallab_bid_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.application}"


class Conflict(models.Model):
    """A declared conflict of interest: the reviewer takes no part in this application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_conflicts"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="sociallab_conflict_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.application}"


class ReviewQuerySet(models.QuerySet["Review"]):
    def counted(self) -> ReviewQuerySet:
        """Submitted reviews of reviewers without a conflict: the ones that make the ranking."""
        return self.filter(submitted_at__isnull=False).exclude(
            reviewer__sociallab_conflicts__application=F("application")
        )


class Review(models.Model):
    """One reviewer's scores and comments on one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_reviews"
    )
    comment_for_staff = models.TextField(_("comment for the Social Lab team"), blank=True)
    comment_for_applicant = models.TextField(_("feedback the applicant may read"), blank=True)
    total = models.DecimalField(
        _("weighted score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="sociallab_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.application}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="sociallab_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
