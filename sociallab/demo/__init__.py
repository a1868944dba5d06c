"""Demo data of the Social Lab of Treppe 4 (seed 000): two calls, a dozen applications in
every state, two juries with reviews, three ventures with mentors, sessions, milestones
and funding. The demo founder (Lea Hoffmann) has a venture and a draft; the demo mentor
(Thomas Wagner) mentors two ventures and has free times to book.

Written through the services; the e-mails they queue are removed before the transaction
commits, so loading the demo sends and prints none.
"""

from .cast import CLOSED_SLUG, FOUNDERS, IDEAS, JURORS, OPEN_SLUG, PROGRAMME
from .story import seed

__all__ = [
    "CLOSED_SLUG",
    "FOUNDERS",
    "IDEAS",
    "JURORS",
    "OPEN_SLUG",
    "PROGRAMME",
    "seed",
]
