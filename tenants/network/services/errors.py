"""Refusals of the network's services: nothing was saved, ``message`` says why."""

from __future__ import annotations


class NetworkError(Exception):
    """A request is refused; ``message`` is shown to the person, ``field`` names the input."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class VotingError(NetworkError):
    """A dot cannot be placed or taken back (round closed, budget used, cap reached)."""
