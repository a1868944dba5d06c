"""The house-wide roles: a leaf module that models, rules and settings may all import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """House-wide roles. Each is a Django group of the same name (see ``house.permissions``).

    Organisation roles (tenant admin and member) belong to the membership of an
    organisation, not to a group: they are answered by the rules in ``tenants.rules``.
    """

    HOUSE_MANAGEMENT = "house_management", _("House management")
    RECEPTION = "reception", _("Reception")
    VOLUNTEER_COORDINATION = "volunteer_coordination", _("Volunteer coordination")
    SOCIAL_LAB_STAFF = "social_lab_staff", _("Social Lab staff")
    MENTOR = "mentor", _("Mentor")
    CURATORIUM_MEMBER = "curatorium_member", _("Curatorium member")
    NETWORK_COORDINATION = "network_coordination", _("Network coordination")


#: Roles that handle other people's data for the house: they must use two-factor login.
STAFF_ROLES = frozenset(
    {
        Role.HOUSE_MANAGEMENT,
        Role.RECEPTION,
        Role.VOLUNTEER_COORDINATION,
        Role.SOCIAL_LAB_STAFF,
        Role.NETWORK_COORDINATION,
    }
)
