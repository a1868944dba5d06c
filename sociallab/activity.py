"""The history the Social Lab writes into the house's activity log."""

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

register_actions(
    {
        "sociallab.application.started": _("Application started"),
        "sociallab.application.submitted": _("Application submitted (form version %(version)s)"),
        "sociallab.application.withdrawn": _("Application withdrawn"),
        "sociallab.application.co_applicant_invited": _("Co-applicant invited"),
        "sociallab.application.co_applicant_joined": _("Co-applicant joined"),
        "sociallab.application.decided": _("Decision held: %(decision)s"),
        "sociallab.application.released": _("Decision sent: %(decision)s"),
        "sociallab.application.redecided": _("Unsent decision replaced: %(decision)s"),
        "sociallab.application.confirmed": _("Place confirmed"),
        "sociallab.application.declined": _("Place declined"),
        "sociallab.application.redacted": _("Anonymous copy written"),
        "sociallab.review.submitted": _("Review submitted"),
        "sociallab.review.conflict": _("Conflict of interest declared"),
        "sociallab.venture.started": _("Venture started in the phase %(phase)s"),
        "sociallab.venture.goals_agreed": _("Goals agreed for the phase %(phase)s"),
        "sociallab.venture.phase_reviewed": _("Phase %(phase)s reviewed: %(outcome)s"),
        "sociallab.venture.mentor_assigned": _("Mentor assigned with %(hours)s hours"),
        "sociallab.venture.milestone_reached": _("Milestone reached: %(title)s"),
        "sociallab.venture.session_booked": _("Mentoring session booked"),
        "sociallab.venture.graduated": _("Graduated and became the organisation %(organisation)s"),
        "sociallab.venture.funding": _("Funding application %(source)s: %(status)s"),
    }
)
