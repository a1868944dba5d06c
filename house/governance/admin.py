"""House management looks after committees and terms in the admin; meetings run in the portal."""

from django.contrib import admin

from house.governance.models import Committee, Membership, Resolution


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("person", "deputy", "organisation")
    fields = (
        "person",
        "organisation",
        "role",
        "voting_right",
        "deputy",
        "start_date",
        "end_date",
        "public_consent",
    )


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_public", "quorum_percent", "notice_days", "circular_rule")
    list_filter = ("kind", "is_public")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "committee", "outcome", "decided_on", "published")
    list_filter = ("committee", "outcome", "published")
    search_fields = ("title", "text")
    readonly_fields = (
        "committee",
        "year",
        "number",
        "outcome",
        "yes",
        "no",
        "abstain",
        "decided_on",
    )

    def has_add_permission(self, request):
        return False  # numbers are given by the register's service only
