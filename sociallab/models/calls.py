"""Calls for ideas and their application forms (questions as data, versioned)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The shape of a form's questions. ``eligibility`` questions are yes/no questions
#: that must be answered with ``expected`` for the application to be eligible.
QUESTIONS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["key", "label", "kind"],
        "additionalProperties": False,
        "properties": {
            "key": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"},
            "label": {"type": "string", "minLength": 1},
            "label_en": {"type": "string"},
            "help": {"type": "string"},
            "kind": {"enum": ["text", "textarea", "yesno", "choice", "number"]},
            "required": {"type": "boolean"},
            "choices": {"type": "array", "items": {"type": "string"}},
            "eligibility": {"type": "boolean"},
            "expected": {"type": "boolean"},
            "section": {"enum": ["self_assessment", "questions"]},
            "max_length": {"type": "integer", "minimum": 1},
        },
    },
}


class CallQuerySet(models.QuerySet["Call"]):
    def published(self) -> CallQuerySet:
        return self.filter(is_published=True)

    def open_now(self, now: dt.datetime | None = None) -> CallQuerySet:
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)

    def visible_to(self, user: Any) -> CallQuerySet:
        from house.permissions import has_role
        from house.roles import Role

        if has_role(user, Role.SOCIAL_LAB_STAFF):
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(is_published=True) | Q(reviewer_teams__members=user)).distinct()
        return self.published()


class Call(models.Model):
    """A call for ideas of the Social Lab's programme, open between two dates."""

    class Stage(models.TextChoices):
        UPCOMING = "upcoming", _("Opens soon")
        OPEN = "open", _("Open for applications")
        REVIEW = "review", _("In review")
        DECIDED = "decided", _("Decided")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), help_text=_("Shown on the programme page."))
    programme = models.TextField(
        _("programme"),
        blank=True,
        help_text=_("What the programme offers, its phases and dates, one paragraph per line."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    decisions_by = models.DateField(_("decisions by"))
    programme_starts = models.DateField(_("programme starts"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    confirm_days = models.PositiveSmallIntegerField(_("days to confirm a place"), default=14)
    retention_days = models.PositiveSmallIntegerField(
        _("days a rejected application is kept"),
        default=180,
        help_text=_("Unless the applicant agreed that it may be kept longer."),
    )
    decisions_released_at = models.DateTimeField(_("decisions released"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="sociallab_call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sociallab:call", args=[self.slug])

    def stage(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.decisions_released_at:
            return self.Stage.DECIDED
        if now < self.opens_at:
            return self.Stage.UPCOMING
        if now < self.closes_at:
            return self.Stage.OPEN
        return self.Stage.REVIEW

    def get_stage_display(self) -> str:
        return str(self.Stage(self.stage()).label)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.is_published and self.stage(now) == self.Stage.OPEN

    def current_form(self) -> FormVersion | None:
        return self.forms.order_by("-version").first()


def validate_questions(value: Any) -> None:
    try:
        jsonschema.validate(value, QUESTIONS_SCHEMA)
    except jsonschema.ValidationError as exc:
        raise ValidationError(
            _("The questions are not valid: %(error)s"), params={"error": exc.message}
        ) from exc
    keys = [q["key"] for q in value]
    if len(keys) != len(set(keys)):
        raise ValidationError(_("Every question needs its own key."))


class FormVersion(models.Model):
    """One version of a call's application form. Versions are never changed once used:
    a submitted application keeps the version it answered."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="forms")
    version = models.PositiveSmallIntegerField(_("version"))
    questions = models.JSONField(_("questions"), validators=[validate_questions])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")
        ordering = ["call", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "version"], name="sociallab_form_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} v{self.version}"

    def eligibility_questions(self) -> list[dict[str, Any]]:
        return [q for q in self.questions if q.get("eligibility")]

    def is_eligible(self, answers: dict[str, Any]) -> bool:
        return all(
            answers.get(q["key"]) == q.get("expected", True) for q in self.eligibility_questions()
        )
