"""Who may see and do what in committees: predicates as sentences, permissions by name.

Permissions take the committee as their object (a meeting's, a decision's, a paper's
committee), so that views, templates and other areas ask one question each.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from house.rules import is_house_management, is_network_coordinator


def _current(user, committee):
    from house.governance.models import Membership

    if not getattr(user, "is_authenticated", False) or committee is None:
        return Membership.objects.none()
    return Membership.objects.current().filter(committee=committee)


@rules.predicate
def is_member_of_committee(user, committee) -> bool:
    """A current member of the committee, or a member's personal deputy."""
    return _current(user, committee).filter(Q(person=user) | Q(deputy=user)).exists()


@rules.predicate
def is_voting_member_of_committee(user, committee) -> bool:
    return _current(user, committee).filter(person=user, voting_right=True).exists()


@rules.predicate
def sits_in_the_committee(user, committee) -> bool:
    """Holds a current seat of their own (deputies answer no date polls)."""
    return _current(user, committee).filter(person=user).exists()


@rules.predicate
def chairs_the_committee(user, committee) -> bool:
    from house.governance.models import Membership

    return (
        _current(user, committee)
        .filter(person=user, role__in=(Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR))
        .exists()
    )


@rules.predicate
def is_a_working_group(user, committee) -> bool:
    return committee is not None and committee.kind == "working_group"


runs_the_committee = (
    is_house_management | chairs_the_committee | (is_network_coordinator & is_a_working_group)
)

rules.add_perm(
    "governance.view_committee",
    is_house_management | is_member_of_committee | (is_network_coordinator & is_a_working_group),
)
rules.add_perm("governance.manage_committee", runs_the_committee)
rules.add_perm("governance.answer_circular", is_voting_member_of_committee)
rules.add_perm("governance.correct_minutes", is_member_of_committee)
rules.add_perm("governance.answer_date_poll", sits_in_the_committee)
rules.add_perm("governance.delegate_vote", is_voting_member_of_committee)
rules.add_perm("governance.add_paper_version", runs_the_committee)
rules.add_perm("governance.delete_from_portal", is_house_management)
