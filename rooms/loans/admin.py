"""House management keeps the lendable items here; loans are made on the reception's pages."""

from __future__ import annotations

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from rooms.loans.models import LendableItem


@admin.register(LendableItem)
class LendableItemAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("name", "fee_rule", "is_lendable", "position")
    list_editable = ("is_lendable", "position")
    search_fields = ("name", "description")
