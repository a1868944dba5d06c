"""House-wide domain models, one module per subject."""

from house.models.activity import ActivityLog
from house.models.outbox import OutboxEmail, OutboxEmailQuerySet
from house.models.people import User, UserManager, UserQuerySet
from house.models.place import ClosureDay, ClosureDayQuerySet, HouseProfile, LegalPage
from house.roles import STAFF_ROLES, Role

__all__ = [
    "STAFF_ROLES",
    "ActivityLog",
    "ClosureDay",
    "ClosureDayQuerySet",
    "HouseProfile",
    "LegalPage",
    "OutboxEmail",
    "OutboxEmailQuerySet",
    "Role",
    "User",
    "UserManager",
    "UserQuerySet",
]
