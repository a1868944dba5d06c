"""The rules of the volunteer area are data: house management edits them here."""

from django.contrib import admin

from house.volunteers.models import (
    AllowanceLimit,
    Opportunity,
    QualificationType,
    TenureRule,
    VolunteerCardRule,
)


@admin.register(TenureRule)
class TenureRuleAdmin(admin.ModelAdmin):
    list_display = (
        "valid_from",
        "min_months",
        "required_active_months",
        "window_months",
        "min_shifts_per_month",
        "min_minutes_per_month",
    )


@admin.register(AllowanceLimit)
class AllowanceLimitAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "yearly_amount")


@admin.register(VolunteerCardRule)
class VolunteerCardRuleAdmin(admin.ModelAdmin):
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
