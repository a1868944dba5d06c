"""The action types the governance area writes to the house's activity log."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions
from house.formats import format_as


def _moment(value: object) -> str:
    """A moment kept as ISO text, written the reader's way (older entries kept German
    words and are shown as they were)."""
    return format_as(dt.datetime.fromisoformat(str(value)), "short_datetime")


def _day(value: object) -> str:
    return format_as(dt.date.fromisoformat(str(value)), "short_date")


register_actions(
    {
        "governance.committee.created": _("Committee created"),
        "governance.membership.added": _("%(person)s joined as %(role)s"),
        "governance.membership.ended": _("Membership of %(person)s ended"),
        "governance.membership.term_reminder": _(
            "Reminder: the term of %(person)s ends on %(end)s"
        ),
        "governance.meeting.scheduled": _("Meeting scheduled for %(start)s"),
        "governance.meeting.invited": _("Invitations sent to %(count)s people"),
        "governance.meeting.invited_late": _(
            "Invitations sent later than the notice period: %(reason)s"
        ),
        "governance.meeting.apologies": _("%(person)s sent apologies"),
        "governance.meeting.opened": _("Meeting opened"),
        "governance.meeting.closed": _("Meeting closed"),
        "governance.meeting.cancelled": _("Meeting cancelled"),
        "governance.meeting.deleted": _("Meeting “%(title)s” deleted from the portal: %(reason)s"),
        "governance.agenda_item.deleted": _(
            "Agenda item “%(title)s” deleted from the portal: %(reason)s"
        ),
        "governance.paper.deleted": _("Paper “%(title)s” deleted from the portal: %(reason)s"),
        "governance.date_poll.opened": _("Date poll “%(title)s” opened with %(count)s dates"),
        "governance.date_poll.answered": _("%(person)s answered the date poll"),
        "governance.date_poll.decided": _("Date fixed: %(start)s"),
        "governance.date_poll.reminded": _("Reminder sent to %(count)s members"),
        "governance.date_poll.cancelled": _("Date poll closed without a date"),
        "governance.delegation.given": _("%(person)s delegated their vote to %(delegate)s"),
        "governance.delegation.revoked": _("%(person)s votes themselves again"),
        "governance.vote.opened": _("Vote opened: %(question)s"),
        "governance.vote.closed": _("Vote closed: %(yes)s yes, %(no)s no, %(abstain)s abstentions"),
        "governance.circular.opened": _("Decision without a meeting opened"),
        "governance.circular.answered": _("%(person)s answered"),
        "governance.circular.meeting_demanded": _("%(person)s demanded a meeting"),
        "governance.circular.closed": _("Decision without a meeting closed: %(state)s"),
        "governance.circular.reminded": _("Reminder sent to %(count)s members"),
        "governance.resolution.recorded": _("Resolution %(reference)s recorded"),
        "governance.minutes.drafted": _("Minutes drafted"),
        "governance.minutes.circulated": _("Minutes circulated for corrections"),
        "governance.minutes.approved": _("Minutes approved"),
        "governance.minutes.published": _("Minutes published"),
        "governance.minutes.corrigendum": _("Corrigendum added"),
    },
    value_formats={"start": _moment, "end": _day},
)
