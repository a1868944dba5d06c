"""Action types the volunteer area writes to the activity log."""

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions
from house.volunteers.models import AllowanceLimit, TenureRule, VolunteerCardRule

register_actions(
    {
        "volunteers.profile.registered": _("Registered as a volunteer"),
        "volunteers.profile.registered_on_behalf": _(
            "Registered by the coordination on the person's behalf (consent on paper)"
        ),
        "volunteers.profile.updated": _("Profile changed"),
        "volunteers.consent.given": _("Consent given: %(purpose)s"),
        "volunteers.consent.withdrawn": _("Consent withdrawn: %(purpose)s"),
        "volunteers.qualification.recorded": _("Qualification recorded: %(kind)s"),
        "volunteers.qualification.deleted": _(
            "Certificate of conduct record deleted three months after the last assignment"
        ),
        "volunteers.shift.signed_up": _("%(name)s signed up"),
        "volunteers.shift.waiting": _("%(name)s joined the waiting list"),
        "volunteers.shift.offered": _("Place offered to %(name)s until %(until)s"),
        "volunteers.shift.offer_confirmed": _("%(name)s confirmed the offered place"),
        "volunteers.shift.offer_expired": _("The offer to %(name)s expired"),
        "volunteers.shift.cancelled_by_volunteer": _("%(name)s cancelled"),
        "volunteers.shift.stand_in_wanted": _("%(name)s cannot come; stand-ins asked: %(count)s"),
        "volunteers.shift.stand_in_taken": _("%(name)s took over from %(previous)s"),
        "volunteers.shift.attendance": _("Attendance of %(name)s: %(attendance)s"),
        "volunteers.shift.understaffed_alert": _("Coordination alerted: %(staffed)s of %(min)s"),
        "volunteers.hours.approved": _("Hours approved: %(minutes)s minutes on %(day)s"),
        "volunteers.tenure.overridden": _("Tenure decided by house management: %(reason)s"),
        "volunteers.certificate.issued": _("Certificate %(code)s issued"),
        "volunteers.allowance.paid": _("Allowance of %(amount)s € recorded"),
    }
)

# Changes to the rule tables, each changed field shown with its label.
register_actions(
    {
        "volunteers.rule.created": _("Rule created: %(rule)s"),
        "volunteers.rule.changed": _("Rule changed: %(rule)s"),
        "volunteers.rule.deleted": _("Rule deleted: %(rule)s"),
    },
    field_labels={
        field.name: field.verbose_name
        for model in (TenureRule, AllowanceLimit, VolunteerCardRule)
        for field in model._meta.concrete_fields
        if not field.primary_key
    },
)
