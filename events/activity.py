"""What the programme records in the activity log."""

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

#: A waiting-list entry got places; logged on the event with ``registration`` (id),
#: ``seats``, ``seats_free_before`` and ``skipped`` (ids of larger entries passed over).
PROMOTED = "events.registration.promoted"
#: Registrations that held places were not confirmed in time; logged on the event with
#: ``count``, ``registrations`` (ids) and ``seats`` (the places given back).
HOLD_EXPIRED = "events.registration.hold_expired"

register_actions(
    {
        PROMOTED: _(
            "Registration no. %(registration)s moved up from the waiting list (places: %(seats)s)"
        ),
        HOLD_EXPIRED: _(
            "%(count)s registrations were not confirmed in time; "
            "their %(seats)s places went to the waiting list"
        ),
    }
)
