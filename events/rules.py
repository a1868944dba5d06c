"""Who may run which events.

Views fetch events through ``Event.objects.visible_to(user)`` (not visible →
404) and then ask these permissions (not allowed → 403); templates ask the same
names with ``{% has_perm %}``.
"""

from __future__ import annotations

import rules

from house.rules import is_front_desk, is_house_management
from tenants.rules import is_member_of_an_organisation, is_member_of_organisation


@rules.predicate
def is_organiser_of_event(user: object, event: object) -> bool:
    """A member of the organisation that holds the event."""
    return is_member_of_organisation(user, event)


#: Members of the organiser and house staff (management, reception) run an event.
rules.add_perm("events.manage_event", is_front_desk | is_organiser_of_event)
#: Events without an organisation are the house's own; the front desk runs them.
rules.add_perm("events.publish_house_event", is_front_desk)
#: The programme area: the house's own events and those of one's organisations.
rules.add_perm("events.use_programme", is_front_desk | is_member_of_an_organisation)
rules.add_perm("events.review_event", is_house_management)
rules.add_perm("events.view_report", is_house_management)
#: The Django admin: the front desk reads events, house management changes them.
rules.add_perm("events.view_event", is_front_desk)
rules.add_perm("events.change_event", is_house_management)
