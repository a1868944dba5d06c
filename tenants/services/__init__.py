"""Writes of organisations, members and the directory. Views, admin, commands and tasks call these.

Every change to an organisation's profile, contacts, hours, services or
members is recorded in the organisation's activity log (who, when, what changed).

By subject: ``history`` (recording changes), ``profile`` (registering and editing
organisations), ``directory`` (contacts, hours, services), ``members`` (invitations
and roles) and ``verification`` (keeping the directory current).
"""

from tenants.services.directory import (
    confirm_service,
    delete_entry,
    refresh_search_text,
    save_consultation_hours,
    save_contact,
    save_service,
)
from tenants.services.history import LastAdminError, record_change
from tenants.services.members import (
    accept_invitation,
    change_member_role,
    invite_member,
    remove_member,
    revoke_invitation,
    send_invitation,
)
from tenants.services.profile import record_admin_save, register_organisation, update_organisation
from tenants.services.verification import (
    flag_unverified,
    organisation_manage_path,
    report_outdated,
    request_verifications,
    send_outdated_report,
)

__all__ = [
    "LastAdminError",
    "accept_invitation",
    "change_member_role",
    "confirm_service",
    "delete_entry",
    "flag_unverified",
    "invite_member",
    "organisation_manage_path",
    "record_admin_save",
    "record_change",
    "refresh_search_text",
    "register_organisation",
    "remove_member",
    "report_outdated",
    "request_verifications",
    "revoke_invitation",
    "save_consultation_hours",
    "save_contact",
    "save_service",
    "send_invitation",
    "send_outdated_report",
    "update_organisation",
]
