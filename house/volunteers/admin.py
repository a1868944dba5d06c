"""The rules of the volunteer area are data: house management edits them here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from house.formats import format_as
from house.models import ActivityLog, User
from house.volunteers.models import (
    AllowanceLimit,
    Opportunity,
    QualificationType,
    TenureRule,
    VolunteerCardRule,
)
from house.volunteers.services import rule_tables

if TYPE_CHECKING:
    from django.http import HttpRequest


class RuleTableAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """A rule table: house management may view, add and change rules (see rules.py);
    each save and deletion goes through the service that logs it."""

    readonly_fields = ("history",)
    actions = None  # a deletion is decided rule by rule, on the rule's own page

    @admin.display(description=_("history"))
    def history(self, rule: Any) -> str:
        """Who changed the rule, when, and from what (the activity log, newest first)."""
        if rule.pk is None:
            return "–"
        rows = []
        for entry in ActivityLog.objects.for_object(rule):
            changes = "; ".join(
                f"{label}: {old or '–'} → {new or '–'}" for label, old, new in entry.changes
            )
            changes = f" ({changes})" if changes else ""
            actor = entry.actor.name or entry.actor.email if entry.actor else ""
            rows.append((format_as(entry.timestamp, "datetime"), actor, entry.message, changes))
        if not rows:
            return "–"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} · {}: {}{}</li>", rows))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        rule_tables.save_rule(
            rule=obj,
            actor=cast(User, request.user),
            before=dict(form.initial) if change else {},
            changed=list(form.changed_data),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        rule_tables.delete_rule(rule=obj, actor=cast(User, request.user))


@admin.register(TenureRule)
class TenureRuleAdmin(RuleTableAdmin):
    list_display = (
        "valid_from",
        "min_months",
        "required_active_months",
        "window_months",
        "min_shifts_per_month",
        "min_minutes_per_month",
    )


@admin.register(AllowanceLimit)
class AllowanceLimitAdmin(RuleTableAdmin):
    list_display = ("valid_from", "yearly_amount")


@admin.register(VolunteerCardRule)
class VolunteerCardRuleAdmin(RuleTableAdmin):
    list_display = (
        "card_name",
        "federal_state",
        "valid_from",
        "min_hours_per_week",
        "min_hours_per_year",
    )


@admin.register(QualificationType)
class QualificationTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "validity_months")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("title", "organiser", "is_published")
    prepopulated_fields = {"slug": ("title",)}
