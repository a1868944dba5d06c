"""Django admin for house management: people, roles, house profile, closure days, legal pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house import services
from house.caching import HOME_PAGE, raise_versions
from house.context_processors import HOUSE_CACHE_KEY
from house.models import ClosureDay, HouseProfile, LegalPage, OutboxEmail, User
from house.roles import Role

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest


def role_label(group: Group) -> str:
    """A role group's name in the reader's language (the group's name is the role's code)."""
    return str(Role(group.name).label) if group.name in Role.values else group.name


def _is_self(request: HttpRequest, obj: object) -> bool:
    return obj is not None and getattr(obj, "pk", None) == request.user.pk


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["name", "email"]
    list_display = ["email", "name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "name"]
    readonly_fields = ["last_login", "date_joined", "privacy_consent_at"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "language")}),
        (_("Roles"), {"fields": ("is_active", "groups", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "privacy_consent_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        # Roles by their names in the reader's language, as plain checkboxes: the
        # admin's dual list shows raw group codes and fails accessibility checks.
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            if field is not None:
                # Django's documented way to label choices: replace label_from_instance.
                field.label_from_instance = role_label  # type: ignore[method-assign,assignment]
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # House management may manage people and their roles, but never make anyone
    # (least of all themselves) a superuser, nor touch a superuser's account, nor
    # give itself roles: its own groups would reach other roles' pages.
    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff"]
        if _is_self(request, obj):
            fields += ["roles_held", "user_permissions", "is_active"]
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if not _is_self(request, obj):
            return fieldsets
        # One's own roles are shown, not offered: by their names, not as group codes.
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        "roles_held" if name == "groups" else name for name in options["fields"]
                    ],
                },
            )
            for title, options in fieldsets
        ]

    @admin.display(description=_("Roles"))
    def roles_held(self, obj: User) -> str:
        return ", ".join(sorted(role_label(group) for group in obj.groups.all())) or "–"

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(HouseProfile)
class HouseProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "federal_state"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not HouseProfile.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: HouseProfile, form: object, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        cache.delete(HOUSE_CACHE_KEY)
        raise_versions([HOME_PAGE])


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason", "reason_en", "created_by"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["reason", "reason_en"]
    actions = ["import_holidays"]
    readonly_fields = ["created_by"]

    def save_model(self, request: HttpRequest, obj: ClosureDay, form: object, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Import public holidays for this year and the next"))
    def import_holidays(self, request: HttpRequest, queryset: QuerySet[ClosureDay]) -> None:
        year = timezone.localdate().year
        created = services.import_public_holidays(years=[year, year + 1])
        self.message_user(
            request, _("%(count)d public holidays imported.") % {"count": created}, messages.SUCCESS
        )


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request: HttpRequest, obj: LegalPage, form: object, change: bool) -> None:
        obj.updated_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "reader_subject",
        "recipients",
        "status",
        "attempts",
        "sent_at",
        "ref",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["subject", "ref", "to"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]

    @admin.display(description=_("recipients"))
    def recipients(self, obj: OutboxEmail) -> str:
        return ", ".join(obj.to)

    @admin.display(description=_("subject"), ordering="subject")
    def reader_subject(self, obj: OutboxEmail) -> str:
        return obj.reader_subject

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Send the selected e-mails again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        for email in queryset:
            services.resend_email(email_id=email.pk, by=request.user)  # type: ignore[arg-type]
        self.message_user(
            request,
            _("%(count)d e-mails queued again.") % {"count": len(queryset)},
            messages.SUCCESS,
        )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Role groups, named in the reader's language; who holds which role is on the roles page."""

    list_display = ["role", "name"]

    @admin.display(description=_("role"), ordering="name")
    def role(self, obj: Group) -> str:
        return role_label(obj)
