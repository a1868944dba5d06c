"""The history the Social Lab writes into the house's activity log.

Entries keep codes (``accept``, ``idea``, ``granted``); the history shows them in the
reader's language through the choices' labels.
"""

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions
from sociallab.models import Application, FundingApplication, Phase, PhaseRecord

register_actions(
    {
        "sociallab.application.started": _("Application started"),
        "sociallab.application.submitted": _("Application submitted (form version %(version)s)"),
        "sociallab.application.withdrawn": _("Application withdrawn"),
        "sociallab.application.co_applicant_invited": _("Co-applicant invited"),
        "sociallab.application.co_applicant_joined": _("Co-applicant joined"),
        "sociallab.application.confirmed": _("Place confirmed"),
        "sociallab.application.declined": _("Place declined"),
        "sociallab.application.redacted": _("Anonymous copy written"),
        "sociallab.review.submitted": _("Review submitted"),
        "sociallab.review.conflict": _("Conflict of interest declared"),
        "sociallab.venture.mentor_assigned": _("Mentor assigned with %(hours)s hours"),
        "sociallab.venture.milestone_reached": _("Milestone reached: %(title)s"),
        "sociallab.venture.session_booked": _("Mentoring session booked"),
        "sociallab.venture.graduated": _("Graduated and became the organisation %(organisation)s"),
    }
)

register_actions(
    {
        "sociallab.application.decided": _("Decision held: %(decision)s"),
        "sociallab.application.released": _("Decision sent: %(decision)s"),
        "sociallab.application.redecided": _("Unsent decision replaced: %(decision)s"),
    },
    value_labels={"decision": dict(Application.Decision.choices)},
)

register_actions(
    {
        "sociallab.venture.started": _("Venture started in the phase %(phase)s"),
        "sociallab.venture.goals_agreed": _("Goals agreed for the phase %(phase)s"),
    },
    value_labels={"phase": dict(Phase.choices)},
)

register_actions(
    {
        "sociallab.venture.phase_reviewed": _("Phase %(phase)s reviewed: %(outcome)s"),
    },
    value_labels={"phase": dict(Phase.choices), "outcome": dict(PhaseRecord.Outcome.choices)},
)

register_actions(
    {
        "sociallab.venture.funding": _("Funding application %(source)s: %(status)s"),
    },
    value_labels={"status": dict(FundingApplication.Status.choices)},
)
