"""Who may do what in the volunteer area."""

from __future__ import annotations

import rules
from django.utils import timezone

from house.rules import is_house_management, is_volunteer_coordinator


@rules.predicate
def is_the_volunteer(user: object, obj: object) -> bool:
    """The person the profile (or assignment) belongs to."""
    profile = getattr(obj, "profile", obj)
    return bool(getattr(user, "is_authenticated", False)) and getattr(
        profile, "user_id", None
    ) == getattr(user, "pk", object())


@rules.predicate
def is_not_in_force_yet(user: object, rule: object) -> bool:
    """A dated rule whose first day is still to come: nobody has been judged by it."""
    valid_from = getattr(rule, "valid_from", None)
    return valid_from is not None and valid_from > timezone.localdate()


@rules.predicate
def has_a_volunteer_profile(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and hasattr(user, "volunteer_profile")


rules.add_perm("volunteers.coordinate", is_volunteer_coordinator)
rules.add_perm("volunteers.view_volunteerprofile", is_the_volunteer | is_volunteer_coordinator)
rules.add_perm("volunteers.change_volunteerprofile", is_the_volunteer | is_volunteer_coordinator)
rules.add_perm("volunteers.view_coordinator_notes", is_volunteer_coordinator)
rules.add_perm("volunteers.change_assignment", is_the_volunteer | is_volunteer_coordinator)
rules.add_perm("volunteers.record_attendance", is_volunteer_coordinator)
rules.add_perm("volunteers.override_tenure", is_house_management)

# The rule tables (tenure, allowance limit, volunteer cards) are kept by house management
# in the admin; a rule already in force is corrected, never deleted, so that the history
# of what applied stays readable.
for _table in ("tenurerule", "allowancelimit", "volunteercardrule"):
    rules.add_perm(f"volunteers.view_{_table}", is_house_management)
    rules.add_perm(f"volunteers.add_{_table}", is_house_management)
    rules.add_perm(f"volunteers.change_{_table}", is_house_management)
    rules.add_perm(f"volunteers.delete_{_table}", is_house_management & is_not_in_force_yet)
