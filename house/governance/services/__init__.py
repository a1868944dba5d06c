"""Every write of the governance area. Views, demo data, commands and other areas
(the network's working groups) call these; see each module's docstrings."""

from .circulars import (
    answer_circular,
    close_circular,
    close_due_circulars,
    demand_meeting,
    open_circular,
    remind_circular,
    remind_due_circulars,
)
from .committees import add_membership, create_committee, end_membership, remind_terms_ending
from .delegations import delegate_vote, revoke_delegation
from .deletion import delete_agenda_item, delete_meeting, delete_paper
from .errors import GovernanceError
from .meetings import (
    add_agenda_item,
    add_paper,
    add_paper_version,
    cancel_meeting,
    close_meeting,
    declare_conflict,
    open_meeting,
    record_attendance,
    schedule_meeting,
    send_apologies,
    send_invitations,
)
from .minutes import (
    add_corrigendum,
    approve_minutes,
    circulate_minutes,
    decide_correction,
    draft_minutes,
    propose_correction,
    publish_minutes,
    update_minutes_entry,
)
from .polls import (
    answer_date_poll,
    cancel_date_poll,
    decide_date_poll,
    open_date_poll,
    remind_date_poll,
)
from .resolutions import add_action, record_resolution, set_action_status
from .votes import cast_ballot, close_vote, open_vote

__all__ = [
    "GovernanceError",
    "add_action",
    "add_agenda_item",
    "add_corrigendum",
    "add_membership",
    "add_paper",
    "add_paper_version",
    "answer_circular",
    "answer_date_poll",
    "approve_minutes",
    "cancel_date_poll",
    "cancel_meeting",
    "cast_ballot",
    "circulate_minutes",
    "close_circular",
    "close_due_circulars",
    "close_meeting",
    "close_vote",
    "create_committee",
    "decide_correction",
    "decide_date_poll",
    "declare_conflict",
    "delegate_vote",
    "delete_agenda_item",
    "delete_meeting",
    "delete_paper",
    "demand_meeting",
    "draft_minutes",
    "end_membership",
    "open_circular",
    "open_date_poll",
    "open_meeting",
    "open_vote",
    "propose_correction",
    "publish_minutes",
    "record_attendance",
    "record_resolution",
    "remind_circular",
    "remind_date_poll",
    "remind_due_circulars",
    "remind_terms_ending",
    "revoke_delegation",
    "schedule_meeting",
    "send_apologies",
    "send_invitations",
    "set_action_status",
    "update_minutes_entry",
]
