"""Django admin for house management: organisations, members, the directory and its vocabularies.

Every save here is recorded in the organisation's change log like changes in
the tenant area.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from house.forms import HouseModelForm
from house.models import User
from tenants import activity as history
from tenants import services
from tenants.forms import website_field
from tenants.models import (
    ConsultationHours,
    Contact,
    Invitation,
    Language,
    Membership,
    Organisation,
    OutdatedReport,
    Service,
    TargetGroup,
    Topic,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest


class ChangeLoggingAdmin(admin.ModelAdmin):
    """Writes a change-log line for the object and for each changed inline row."""

    def organisation_of(self, obj: Any) -> Organisation:
        return obj if isinstance(obj, Organisation) else obj.organisation

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.record_admin_save(
            obj=obj,
            organisation=self.organisation_of(obj),
            actor=cast(User, request.user),
            created=not change,
            changed=list(form.changed_data),
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        organisation = self.organisation_of(form.instance)
        for obj in formset.new_objects:
            services.record_admin_save(
                obj=obj,
                organisation=organisation,
                actor=cast(User, request.user),
                created=True,
                changed=[],
            )
        for obj, changed in formset.changed_objects:
            services.record_admin_save(
                obj=obj,
                organisation=organisation,
                actor=cast(User, request.user),
                created=False,
                changed=changed,
            )
        for obj in formset.deleted_objects:
            services.record_change(
                organisation=organisation,
                actor=cast(User, request.user),
                action=history.DELETED,
                obj=obj,
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if isinstance(form.instance, Service):
            services.refresh_search_text(service=form.instance)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class OfficeHoursInline(admin.TabularInline):
    model = ConsultationHours
    fk_name = "organisation"
    extra = 0
    fields = ["service", "weekday", "week_of_month", "opens_at", "closes_at", "note"]
    verbose_name_plural = _("consultation and office hours")


class OrganisationAdminForm(HouseModelForm):
    website = website_field()

    class Meta:
        model = Organisation
        fields = "__all__"


@admin.register(Organisation)
class OrganisationAdmin(ObjectPermissionsModelAdminMixin, ChangeLoggingAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "legal_form", "office_floor", "office_room", "is_public"]
    list_filter = ["kind", "legal_form", "is_public", "office_floor"]
    search_fields = ["name", "slug", "email", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["languages"]
    inlines = [MembershipInline, ContactInline, OfficeHoursInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "legal_form", "is_public")}),
        (
            _("Non-profit status"),
            {"fields": ("nonprofit_notice_date", "nonprofit_notice_expires")},
        ),
        (_("Profile"), {"fields": ("description", "logo", "logo_alt", "languages")}),
        (
            _("Public contact"),
            {"fields": ("website", "email", "phone", "street", "postcode", "city")},
        ),
        (
            _("In the house"),
            {"fields": ("office_floor", "office_room", "tenancy_since", "tenancy_until")},
        ),
        (_("Internal"), {"fields": ("internal_notes",)}),
    )


class ServiceHoursInline(admin.TabularInline):
    model = ConsultationHours
    fk_name = "service"
    extra = 0
    fields = ["organisation", "weekday", "week_of_month", "opens_at", "closes_at", "note"]


@admin.register(Service)
class ServiceAdmin(ObjectPermissionsModelAdminMixin, ChangeLoggingAdmin):
    list_display = ["name", "organisation", "status", "last_verified", "flagged_at"]
    list_filter = ["status", "target_groups", "topics", "languages", "organisation"]
    search_fields = ["name", "description", "organisation__name"]
    list_select_related = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["target_groups", "topics", "languages"]
    readonly_fields = ["verification_requested_at", "flagged_at"]
    inlines = [ServiceHoursInline]
    actions = ["confirm_selected"]

    @admin.action(description=_("Mark as verified today"))
    def confirm_selected(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        for service in queryset.select_related("organisation"):
            services.confirm_service(service=service, actor=cast(User, request.user))


@admin.register(TargetGroup, Topic, Language)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]


@admin.register(Membership)
class MembershipAdmin(ChangeLoggingAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "sent_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ["token", "sent_at", "accepted_at", "accepted_by", "invited_by"]


@admin.register(OutdatedReport)
class OutdatedReportAdmin(admin.ModelAdmin):
    list_display = ["service", "created_at", "email", "handled_at"]
    list_filter = ["handled_at"]
    search_fields = ["service__name", "message"]
    list_select_related = ["service"]
