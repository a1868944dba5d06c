"""The personal data the organisations' area keeps about a person (DSGVO Art. 15/17).

Memberships, invitations sent to the person's addresses, reports of outdated
directory entries filed with them, and contacts, services or organisations
that give one of them as their e-mail address. The last admin of an
organisation cannot be erased: a colleague becomes admin first.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from house.privacy import DataSubject, PersonalDataProvider, register
from tenants import freshness
from tenants.models import (
    Contact,
    Invitation,
    Membership,
    Organisation,
    OutdatedReport,
    Service,
)


def _with_email(subject: DataSubject, field: str = "email") -> Q:
    query = Q(pk__in=[])
    for email in subject.emails:
        query |= Q(**{f"{field}__iexact": email})
    return query


@register
class TenantsData(PersonalDataProvider):
    key = "tenants"
    erase_order = 10

    def export(self, subject: DataSubject) -> dict[str, Any]:
        user = subject.user
        return {
            "memberships": [
                {"organisation": name, "role": role, "since": since.isoformat()}
                for name, role, since in Membership.objects.filter(user=user)
                .order_by("organisation__name")
                .values_list("organisation__name", "role", "created_at")
            ],
            "invitations": [
                {
                    "organisation": invitation.organisation.name,
                    "email": invitation.email,
                    "role": invitation.role,
                    "invited": invitation.created_at.isoformat(),
                    "accepted": invitation.accepted_at.isoformat()
                    if invitation.accepted_at
                    else None,
                }
                for invitation in Invitation.objects.filter(_with_email(subject))
                .select_related("organisation")
                .order_by("created_at")
            ],
            "reports_of_outdated_entries": [
                {
                    "service": report.service.name,
                    "message": report.message,
                    "email": report.email,
                    "reported": report.created_at.isoformat(),
                }
                for report in OutdatedReport.objects.filter(_with_email(subject))
                .select_related("service")
                .order_by("created_at")
            ],
            "named_as_contact": [
                {
                    "organisation": contact.organisation.name,
                    "name": contact.name,
                    "function": contact.function,
                    "email": contact.email,
                    "phone": contact.phone,
                }
                for contact in Contact.objects.filter(_with_email(subject)).select_related(
                    "organisation"
                )
            ]
            + [
                {"service": service.name, "name": service.contact_name, "email": service.email}
                for service in Service.objects.filter(_with_email(subject))
            ],
        }

    def blockers(self, subject: DataSubject) -> list[str]:
        sole = sorted(
            Membership.objects.filter(user=subject.user, role=Membership.Role.ADMIN)
            .annotate(
                admins=Count(
                    "organisation__memberships",
                    filter=Q(organisation__memberships__role=Membership.Role.ADMIN),
                )
            )
            .filter(admins=1)
            .values_list("organisation__name", flat=True)
        )
        if not sole:
            return []
        return [
            _(
                "You are the only admin of %(organisations)s. Please make a colleague "
                "admin first, so the organisation is not left without one."
            )
            % {"organisations": ", ".join(sole)}
        ]

    def erase(self, subject: DataSubject) -> None:
        from house.services import purge_emails_about

        invitations = Invitation.objects.filter(_with_email(subject))
        reports = OutdatedReport.objects.filter(_with_email(subject))
        purge_emails_about(
            refs=[f"tenants.invitation:{pk}" for pk in invitations.values_list("pk", flat=True)]
            + [f"tenants.outdatedreport:{pk}" for pk in reports.values_list("pk", flat=True)]
        )
        invitations.delete()
        # The person wrote the report; the organisation keeps the corrected entry.
        reports.delete()
        Contact.objects.filter(_with_email(subject)).delete()
        Service.objects.filter(_with_email(subject)).update(contact_name="", email="")
        Organisation.objects.filter(_with_email(subject)).update(email="")
        # The public pages no longer show the addresses either.
        freshness.forget_directory()
        Membership.objects.filter(user=subject.user).delete()
