"""The programme in the Django admin: for house management's corrections and the review switch.

Registrations are read-only here: places are taken and given back only
through the services (the seat counter must stay right).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from events.models import (
    Event,
    EventSeries,
    ProgrammeItem,
    ProgrammeSettings,
    Registration,
)


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


@admin.register(Event)
class EventAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ["title", "start", "organisation", "category", "status", "publication"]
    list_filter = ["publication", "status", "category"]
    search_fields = ["title", "summary", "organisation__name"]
    date_hierarchy = "start"
    list_select_related = ["organisation"]
    readonly_fields = ["seats_taken", "booking", "sequence", "registrations_anonymised_at"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["target_groups", "languages"]
    inlines = [ProgrammeItemInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "rrule", "first_start"]
    search_fields = ["title"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "seats", "status", "assisted", "attended", "created_at"]
    list_filter = ["status", "assisted", "attended"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ProgrammeSettings)
class ProgrammeSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "review_required"]
