"""Settings of Hausportal, read from the environment.

One configuration for every place the portal runs: with no environment set it is
the embedded development setup (SQLite, Celery eager, mail to a folder); production
is the same settings with other environment values (see ``.env.example``).
The helpers in ``house.config.env`` refuse malformed values instead of guessing.

The settings are written by subject in :mod:`house.config`, each module importing
what it builds on from its neighbours; this module, which ``DJANGO_SETTINGS_MODULE``
names, gathers them all.
"""

from house.config.accounts import *  # noqa: F403
from house.config.caches import *  # noqa: F403
from house.config.core import *  # noqa: F403
from house.config.database import *  # noqa: F403
from house.config.env import *  # noqa: F403
from house.config.files import *  # noqa: F403
from house.config.mail import *  # noqa: F403
from house.config.programme import *  # noqa: F403
from house.config.security import *  # noqa: F403
from house.config.tasks import *  # noqa: F403
