"""House-wide predicates for django-rules: the roles of the house, as sentences.

Every app's ``rules.py`` combines these with its own object predicates
(``is_member_of_organisation``, ``is_mentor_of_venture``) and registers its
permissions as ``app_label.verb_model``; views ask ``user.has_perm(name, obj)``,
templates ``{% has_perm %}``, the admin the same names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from house.permissions import has_role, is_house_staff
from house.roles import Role

if TYPE_CHECKING:
    from house.permissions import AnyUser


def _role(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user: AnyUser) -> bool:
        return has_role(user, role)

    return predicate


is_house_management = _role(Role.HOUSE_MANAGEMENT)
is_reception = _role(Role.RECEPTION)
is_volunteer_coordinator = _role(Role.VOLUNTEER_COORDINATION)
is_social_lab_staff = _role(Role.SOCIAL_LAB_STAFF)
is_mentor = _role(Role.MENTOR)
is_curatorium_member = _role(Role.CURATORIUM_MEMBER)
is_network_coordinator = _role(Role.NETWORK_COORDINATION)


@rules.predicate
def is_house_staff_member(user: AnyUser) -> bool:
    return is_house_staff(user)


is_front_desk = is_house_management | is_reception

rules.add_perm("house.manage_house", is_house_management)
rules.add_perm("house.manage_people", is_house_management)
rules.add_perm("house.manage_closure_days", is_front_desk)
rules.add_perm("house.use_reception", is_front_desk)
