"""Nothing can be written without the change path knowing: every model has a rule, every admin
that writes records what changed, and every write the admin offers has a scenario proving that
an anonymous visitor sees it (test_admin_*.py); every command likewise (test_commands.py)."""

import pytest
from django.contrib import admin

from changes.admin import RecordsChanges
from derived.rules import DEPENDENTS
from tests.derived import (
    test_admin_occupations,
    test_admin_registers,
    test_admin_related,
    test_commands,
)
from tests.derived.registry import (
    NO_PUBLIC_EFFECT,
    NOT_PUBLIC,
    admin_writes,
    covered_writes,
    project_models,
)

pytestmark = pytest.mark.django_db


def test_every_model_has_a_rule():
    missing = project_models() - set(DEPENDENTS)
    assert not missing, (
        f"Add {sorted(missing)} to derived.rules.DEPENDENTS: which derived data (search index, "
        "employers per occupation, cached pages) depends on it?"
    )
    stale = set(DEPENDENTS) - project_models()
    assert not stale, f"derived.rules.DEPENDENTS names models that no longer exist: {stale}"


def test_every_admin_that_writes_records_its_changes(editor):
    writing = {write[0] for write in admin_writes(editor) if write not in NO_PUBLIC_EFFECT}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if label in NOT_PUBLIC or label not in writing:
            continue
        assert isinstance(model_admin, RecordsChanges), (
            f"{type(model_admin).__name__} writes {label} without saying what changed: put "
            "changes.admin.RecordsChanges first in its bases."
        )


def test_every_admin_write_has_a_scenario(editor):
    covered = covered_writes(test_admin_occupations, test_admin_registers, test_admin_related)
    required = {
        (label, action)
        for label, action in admin_writes(editor)
        if label not in NOT_PUBLIC and (label, action) not in NO_PUBLIC_EFFECT
    }
    missing = sorted(required - set(covered))
    assert not missing, (
        "These admin writes have no scenario showing that an anonymous visitor sees them "
        f"(mark one with @pytest.mark.writes in tests/derived/test_admin_*.py): {missing}"
    )
    unknown = sorted(set(covered) - required)
    assert not unknown, f"Scenarios for writes the admin no longer offers: {unknown}"


def test_every_command_has_a_scenario():
    assert not test_commands.commands_without_scenario(), (
        "Management commands of this project with no scenario in tests/derived/test_commands.py "
        f"and no reason to have none: {test_commands.commands_without_scenario()}"
    )
