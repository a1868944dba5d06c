"""Public directory pages and the organisations' own area. Thin: parse, authorise, call services.

By subject: ``public`` (directory, services, organisation pages), ``area`` (an
organisation's profile, entries and change history) and ``membership``.
"""

from tenants.views.area import (
    ENTRY_KINDS,
    changes,
    entry_delete,
    entry_edit,
    manage,
    my_organisations,
    profile_edit,
    service_confirm,
)
from tenants.views.membership import (
    invitation_accept,
    invitation_revoke,
    member_remove,
    member_role,
    members,
)
from tenants.views.public import (
    DIRECTORY_PAGE_SIZE,
    REPORTS_PER_HOUR,
    directory,
    directory_json,
    house_tenants,
    organisation_detail,
    service_detail,
    service_report,
)

__all__ = [
    "DIRECTORY_PAGE_SIZE",
    "ENTRY_KINDS",
    "REPORTS_PER_HOUR",
    "changes",
    "directory",
    "directory_json",
    "entry_delete",
    "entry_edit",
    "house_tenants",
    "invitation_accept",
    "invitation_revoke",
    "manage",
    "member_remove",
    "member_role",
    "members",
    "my_organisations",
    "organisation_detail",
    "profile_edit",
    "service_confirm",
    "service_detail",
    "service_report",
]
