"""Who may do what in the volunteer area."""

from __future__ import annotations

import rules

from house.rules import is_house_management, is_volunteer_coordinator


@rules.predicate
def is_the_volunteer(user: object, obj: object) -> bool:
    """The person the profile (or assignment) belongs to."""
    profile = getattr(obj, "profile", obj)
    return bool(getattr(user, "is_authenticated", False)) and getattr(
        profile, "user_id", None
    ) == getattr(user, "pk", object())


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
