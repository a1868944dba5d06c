"""The canary: one person's marker in every personal field of every app, then export and erasure.

Each app plants the marker through its own services in ``tests/<label>/canary.py``
(``plant(*, user, marker)``). The export must show every stored value that carries
the marker; after the account is deleted no text, char or JSON column of any table
may still hold it, except the tables a provider names in ``retained`` (kept by law).
A new app with personal fields extends this test by adding its provider and its canary.
"""

from __future__ import annotations

import importlib
import json
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from house import privacy
from house.services import delete_account, export_personal_data
from tests.factories import UserFactory

TESTS = Path(__file__).resolve().parent.parent
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _canary_labels() -> list[str]:
    return sorted(path.parent.name for path in TESTS.glob("*/canary.py"))


def _project_apps() -> list:
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    ]


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.choices]


def _holds_text(config) -> bool:
    return any(
        _text_fields(model)
        for model in config.get_models()
        if not model._meta.abstract and not model._meta.proxy and model._meta.managed
    )


def _lines_with(value: object, marker: str) -> list[str]:
    """The lines of a stored value (text, or every string in JSON) that carry the marker."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if marker in line.lower()]
    if isinstance(value, dict):
        return [line for item in value.values() for line in _lines_with(item, marker)]
    if isinstance(value, list | tuple):
        return [line for item in value for line in _lines_with(item, marker)]
    return []


def _find(marker: str) -> dict[str, list[tuple[object, list[str]]]]:
    """Every row of every table holding the marker: model label → [(pk, marked lines)]."""
    hits: dict[str, list[tuple[object, list[str]]]] = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = _text_fields(model)
        if not fields:
            continue
        query = models.Q()
        for field in fields:
            query |= models.Q(**{f"{field.name}__icontains": marker})
        for row in model._default_manager.filter(query).values("pk", *[f.name for f in fields]):
            lines = [
                line
                for field in fields
                for line in _lines_with(row[field.name], marker)
                if not isinstance(row[field.name], str) or marker in row[field.name].lower()
            ]
            hits.setdefault(model._meta.label, []).append((row["pk"], lines))
    return hits


def _leaves(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.lower()]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in _leaves(item)]
    return []


def test_every_app_with_personal_fields_has_a_provider_and_a_canary():
    """An app with text columns declares its personal data and plants a canary."""
    providers = {provider.key for provider in privacy.providers()}
    canaries = set(_canary_labels())
    missing = [
        (config.label, config.label in providers, config.label in canaries)
        for config in _project_apps()
        if _holds_text(config) and (config.label not in providers or config.label not in canaries)
    ]
    assert missing == [], (
        "(app label, has <app>/privacy.py provider with key=label, has tests/<label>/canary.py):"
        " add what is missing, see docs/privacy.md"
    )


@pytest.mark.django_db
def test_a_persons_marker_is_exported_from_everywhere_and_erased_from_everywhere(
    django_capture_on_commit_callbacks,
):
    marker = f"kanarie{uuid.uuid4().hex[:10]}"
    user = UserFactory(email=f"{marker}@example.org", name=marker)
    for label in _canary_labels():
        importlib.import_module(f"tests.{label}.canary").plant(user=user, marker=marker)

    planted = _find(marker)
    for label in _canary_labels():
        assert any(name.startswith(f"{label}.") for name in planted), (
            f"tests/{label}/canary.py planted nothing"
        )

    kept_by_law = {record.model for _key, record in privacy.retained_records() if record.model}
    exported = _leaves(json.loads(json.dumps(export_personal_data(user=user), default=str)))
    # Each row's marked text appears in the export as stored; records kept by law
    # (minutes, for instance) may be exported in their own structured form instead.
    not_exported = [
        (model, pk, lines)
        for model, rows in planted.items()
        if model not in kept_by_law
        for pk, lines in rows
        if not any(line.lower() in leaf for line in lines for leaf in exported)
    ]
    assert not_exported == [], "rows holding the marker that the export does not show"

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=user)

    left = {model: rows for model, rows in _find(marker).items() if model not in kept_by_law}
    assert left == {}, "the marker is still stored after the account was deleted"
