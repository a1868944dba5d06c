"""The action types the network writes to the house's activity log."""

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

register_actions(
    {
        "network.actor.created": _("Joined the network"),
        "network.actor.changed": _("Network entry changed"),
        "network.actor.verified": _("Network entry confirmed as current"),
        "network.actor.reminded": _("Asked to confirm the network entry"),
        "network.actor.flagged": _("Network entry flagged as stale"),
        "network.topic.proposed": _("Topic proposed"),
        "network.topic.status": _("Status changed from %(old)s to %(new)s"),
        "network.topic.changed": _("Topic changed"),
        "network.round.created": _("Priority round created"),
        "network.round.frozen": _("Result frozen (SHA-256 %(sha256)s)"),
        "network.board.posted": _("Posted to the board"),
        "network.board.withdrawn": _("Withdrawn from the board"),
        "network.newsletter.drafted": _("Newsletter drafted"),
        "network.newsletter.sending": _("Newsletter sent to %(recipients)s subscribers"),
        "network.group.started": _("Working group started"),
        "network.group.extended": _("Extended until %(until)s: %(reason)s"),
        "network.group.closed": _("Working group closed with its report"),
        "network.group.prompted": _("Asked for a closing report or an extension"),
    }
)
