"""Writes of the Social Lab. Views, commands and tasks call these (see the modules)."""

from __future__ import annotations


class SocialLabError(Exception):
    """A change is refused; nothing was saved. ``message`` says why, for the person asking."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
