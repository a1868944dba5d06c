"""Every write of the neighbourhood network, one module per subject.

Views, the admin, commands and tasks call these; each has keyword-only
arguments, its own transaction, e-mails through the outbox and its history in
the activity log.
"""

from tenants.network.services.errors import NetworkError, VotingError

__all__ = ["NetworkError", "VotingError"]
