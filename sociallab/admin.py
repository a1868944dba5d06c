"""The Social Lab's set-up in the Django admin: calls, forms, criteria, phases, teams, funding."""

from django.contrib import admin

from sociallab import models


class FormVersionInline(admin.StackedInline):
    model = models.FormVersion
    extra = 0


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0


class ReviewPhaseInline(admin.TabularInline):
    model = models.ReviewPhase
    extra = 0


@admin.register(models.Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_published", "decisions_released_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FormVersionInline, CriterionInline, ReviewPhaseInline]


@admin.register(models.ReviewerTeam)
class ReviewerTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "call", "may_see_names"]
    filter_horizontal = ["members"]


@admin.register(models.FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "next_deadline"]


@admin.register(models.Venture)
class VentureAdmin(admin.ModelAdmin):
    list_display = ["name", "phase", "graduated_at"]
    readonly_fields = ["application", "organisation", "graduated_at"]
