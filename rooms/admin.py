"""Django admin of the conference centre: house management maintains rooms and fee rules here."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rooms.models import Booking, BookingLogEntry, Equipment, FeeRule, Layout, Room, RoomPhoto


class RoomAdminForm(forms.ModelForm):
    equipment = forms.MultipleChoiceField(
        label=_("equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Room
        fields = (
            "name",
            "slug",
            "floor",
            "area_m2",
            "description",
            "capacities",
            "equipment",
            "step_free",
            "accessible_toilet",
            "induction_loop",
            "opens_at",
            "closes_at",
            "setup_minutes",
            "teardown_minutes",
            "max_advance_days",
            "is_bookable",
            "auto_confirm_tenants",
            "parts",
            "position",
        )

    def clean_capacities(self) -> dict[str, int]:
        value = self.cleaned_data["capacities"] or {}
        if not isinstance(value, dict) or not all(
            key in Layout.values and isinstance(n, int) and n >= 0 for key, n in value.items()
        ):
            raise forms.ValidationError(
                _("Give whole numbers per layout; layouts: %(layouts)s.")
                % {"layouts": ", ".join(Layout.values)}
            )
        return value


class RoomPhotoInline(admin.TabularInline):
    model = RoomPhoto
    extra = 0


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    form = RoomAdminForm
    list_display = ("name", "floor", "area_m2", "is_bookable", "auto_confirm_tenants", "position")
    list_editable = ("is_bookable", "position")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("parts",)
    inlines = [RoomPhotoInline]


@admin.register(FeeRule)
class FeeRuleAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "category",
        "purpose",
        "room",
        "pricing",
        "amount",
        "valid_from",
        "valid_until",
    )
    list_filter = ("category", "purpose", "pricing", "room")
    search_fields = ("name", "reason")


class BookingLogInline(admin.TabularInline):
    model = BookingLogEntry
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "action", "changes", "note")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are made and changed through the reception (the services); here they are read."""

    list_display = ("title", "room", "start", "end", "state", "booker_category", "gross")
    list_filter = ("state", "room", "booker_category", "purpose")
    search_fields = ("title", "contact_name", "contact_email", "organisation__name")
    date_hierarchy = "start"
    list_select_related = ("room",)
    readonly_fields = [f.name for f in Booking._meta.fields] + ["quote"]
    inlines = [BookingLogInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
