"""The programme: how long registrations are held and kept."""

from house.config.env import env_int

# Days after an event until its registrations are anonymised (names, e-mails,
# answers); the counts stay for reports.
EVENT_REGISTRATION_RETENTION_DAYS = env_int("EVENT_REGISTRATION_RETENTION_DAYS", 90)
# Events that hold places only until the registrant confirms by the e-mail link:
# hours a registration (or a waiting entry that moved up) keeps its places
# unconfirmed; never beyond the event's start. Then the places go to the waiting list.
EVENT_REGISTRATION_HOLD_HOURS = env_int("EVENT_REGISTRATION_HOLD_HOURS", 24)
