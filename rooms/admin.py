"""Django admin of the conference centre: house management maintains rooms and fee rules here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from house.admin import ClosureDayAdmin
from house.forms import HouseModelForm
from house.models import ActivityLog, ClosureDay
from rooms.feeds import switch_off_feed_tokens
from rooms.fees import Purpose
from rooms.forms import WEEKDAY_CHOICES
from rooms.models import (
    Booking,
    CancellationTier,
    Equipment,
    FeeRule,
    FeeSurcharge,
    Layout,
    Room,
    RoomPhoto,
)
from rooms.tokens import FeedToken

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse


class RoomAdminForm(HouseModelForm):
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
            "name_en",
            "slug",
            "floor",
            "floor_en",
            "area_m2",
            "description",
            "description_en",
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


class FeeSurchargeForm(HouseModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FeeSurcharge
        fields = ("name", "name_en", "weekdays", "starts", "ends", "percent", "per_hour")


class FeeSurchargeInline(admin.StackedInline):
    """Evening and weekend surcharges of the rule, each a line on the quote."""

    model = FeeSurcharge
    form = FeeSurchargeForm
    extra = 0


class FeeRuleAdminForm(HouseModelForm):
    quota_purposes = forms.TypedMultipleChoiceField(
        label=_("purposes the free quota covers"),
        choices=Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Bookings of these purposes use up the free hours. None ticked: only the "
            "rule's own purpose."
        ),
    )

    class Meta:
        model = FeeRule
        fields = "__all__"


class CancellationTierInline(admin.TabularInline):
    """The fee rule's cancellation terms: from N days before the start, P % of the price."""

    model = CancellationTier
    extra = 1
    fields = ("days_before", "percent")


@admin.register(FeeRule)
class FeeRuleAdmin(admin.ModelAdmin):
    form = FeeRuleAdminForm
    inlines = [FeeSurchargeInline, CancellationTierInline]
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
    search_fields = ("name", "reason", "reason_en")


class BookingLogInline(GenericTabularInline):
    """The booking's history from the house's activity log, read-only."""

    model = ActivityLog
    extra = 0
    can_delete = False
    fields = ("timestamp", "actor", "action_type", "data")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Booking)
class BookingAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
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


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Who has a secret calendar link. The secret itself is never shown, only switched off."""

    list_display = ["scope", "organisation", "user", "created_at", "created_by", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation__name", "user__name", "user__email"]
    exclude = ["token"]
    readonly_fields = ["scope", "organisation", "user", "created_at", "created_by", "revoked_at"]
    actions = ["switch_off"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Switch off the selected calendar links"))
    def switch_off(self, request: HttpRequest, queryset: QuerySet[FeedToken]) -> None:
        count = switch_off_feed_tokens(token_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            _("%(count)d calendar links switched off.") % {"count": count},
            messages.SUCCESS,
        )


# A closure day is added where house management sees the bookings on that day first
# and decides what happens to each (rooms.views.closures); the admin leads there, and
# its date cannot be changed afterwards (that would skip the decisions).
admin.site.unregister(ClosureDay)


@admin.register(ClosureDay)
class ClosureDayWithBookingsAdmin(ClosureDayAdmin):
    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        return redirect("rooms:closure_new")

    def get_readonly_fields(
        self, request: HttpRequest, obj: ClosureDay | None = None
    ) -> list[str] | tuple[str, ...]:
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "date"] if obj is not None else fields
