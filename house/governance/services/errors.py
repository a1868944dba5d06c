from __future__ import annotations


class GovernanceError(Exception):
    """A request the committee's rules do not allow; ``message`` says why in plain language."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
