"""Fixtures of the volunteer area's tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests create many people; their passwords need no real hashing cost here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
