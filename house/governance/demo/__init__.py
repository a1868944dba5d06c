"""The demo curatorium, modelled on the Stadthaus Laatzen (seed 002).

Eight members from the associations of the house, with deputies and terms (one
ending soon); three past meetings, the first two with approved and published
minutes and resolutions, the last one's minutes circulated for approval; one
upcoming meeting with its agenda and room; an open decision without a meeting.
The demo login "curatorium" (Dr. Helmut Fischer) chairs it; house management
("management") runs the meetings.

Built through the services, like real use: its invitations and requests go through
the outbox like any other (``seed_demo`` keeps the demo's e-mails out of the
terminal). Idempotent: an existing curatorium is left alone.
"""

from .cast import MEMBERS, SLUG
from .story import seed

__all__ = [
    "MEMBERS",
    "SLUG",
    "seed",
]
