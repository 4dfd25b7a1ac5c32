"""Module repository."""

from __future__ import annotations

import pytest

from enabler.domain.modules import Column, ModuleKind, ModuleState, SmartContent, SmartLayout
from enabler.errors import Fix, Hint, NotFound
from enabler.store import audit
from enabler.store import modules as module_store
from tests.conftest import add_module


class DescribeModuleStore:
    def it_round_trips_smart_content(self, db):
        content = SmartContent(
            SmartLayout.TWO_COLUMN,
            "Before and after",
            columns=(Column("Today", ("Manual", "Slow")), Column("With us", ("Automatic",))),
        )
        module = add_module(db, "before-after", content)
        version = module_store.current_version(db, module)
        assert version.kind is ModuleKind.SMART
        assert version.content == content
        assert version.number == 1

    def it_finds_modules_by_id_or_key(self, db):
        module = add_module(db, "k1", SmartContent(SmartLayout.BULLETS, "T", bullets=("a",)))
        assert module_store.get_module(db, module.id).key == "k1"
        assert module_store.get_module(db, "k1").id == module.id
        with pytest.raises(NotFound, match="No module with key 'nope'") as err:
            module_store.get_module(db, "nope")
        assert err.value.hint == Hint(Fix.LOOK_UP, "modules")

    def it_filters_by_state(self, db):
        add_module(db, "a", SmartContent(SmartLayout.BULLETS, "A"))
        add_module(db, "b", SmartContent(SmartLayout.BULLETS, "B"), state=ModuleState.DRAFT)
        assert [m.key for m in module_store.list_modules(db, ModuleState.DRAFT)] == ["b"]
        assert len(module_store.list_modules(db)) == 2

    def it_audits_creation(self, db):
        add_module(db, "a", SmartContent(SmartLayout.BULLETS, "A"))
        entries = audit.entries(db, "module")
        assert entries[-1]["action"] == "create"
        assert '"key": "a"' in entries[-1]["after"]
