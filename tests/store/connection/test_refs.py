"""The one lookup behind every name-or-id (enabler/store/connection/refs.py) and its callers."""

from __future__ import annotations

import pytest

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ModuleRef, ProspectRef
from enabler.errors import AmbiguousRef, Fix, Hint, InvalidInput, NotFound, UnknownRef
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.refs import find_row
from tests.conftest import add_module


class DescribeFindRow:
    def it_finds_by_id_and_by_name_in_any_case_for_prospects(self, db):
        acme = _prospect(db, "Acme Corp")
        assert prospect_store.find(db, ProspectRef.by_id(acme.id)) == acme
        assert prospect_store.find(db, ProspectRef.of(str(acme.id))) == acme
        assert prospect_store.find(db, ProspectRef.of("acme CORP")) == acme

    def it_matches_module_keys_exactly(self, db):
        _module(db, "roi-summary")
        with pytest.raises(UnknownRef, match="No module with key 'ROI-summary'"):
            module_store.get_module(db, ModuleRef.of("ROI-summary"))

    def it_names_the_kind_and_the_missing_name_with_a_suggestion(self, db):
        _prospect(db, "Acme Corp")
        with pytest.raises(NotFound) as err:
            prospect_store.find(db, ProspectRef.of("Acme Crop"))
        assert str(err.value) == "No prospect named 'Acme Crop'. Did you mean 'Acme Corp'?"
        assert (err.value.kind, err.value.field, err.value.value) == (
            "prospect",
            "name",
            "Acme Crop",
        )
        assert err.value.hint == Hint(Fix.LOOK_UP, "prospects")

    def it_names_the_missing_key(self, db):
        _module(db, "roi-summary")
        with pytest.raises(UnknownRef) as err:
            module_store.get_module(db, ModuleRef.of("roi-sumary"))
        assert str(err.value) == "No module with key 'roi-sumary'. Did you mean 'roi-summary'?"
        assert err.value.hint == Hint(Fix.LOOK_UP, "modules")

    def it_names_an_id_that_does_not_exist(self, db):
        _prospect(db, "Acme Corp")
        for ref in (ProspectRef.of("99"), ProspectRef.by_id(99)):
            with pytest.raises(UnknownRef) as err:
                prospect_store.find(db, ref)
            assert str(err.value) == "No prospect with id 99."
            assert err.value.field == "id"
        with pytest.raises(UnknownRef, match=r"^No module with id 99\.$"):
            module_store.get_module(db, 99)

    def it_falls_back_to_an_all_digit_name_when_no_such_id(self, db):
        named = _prospect(db, "1848")
        assert prospect_store.find(db, ProspectRef.of("1848")) == named

    def it_takes_the_id_when_the_digits_are_its_own_name(self, db):
        first = _prospect(db, "Acme Corp")
        same = _prospect(db, str(first.id + 1))  # named after its own id
        assert prospect_store.find(db, ProspectRef.of(str(same.id))) == same

    def it_refuses_digits_that_are_one_id_and_another_name(self, db):
        first = _prospect(db, "Acme Corp")
        _prospect(db, str(first.id))  # a company named "1", while id 1 is Acme
        with pytest.raises(AmbiguousRef) as err:
            prospect_store.find(db, ProspectRef.of(str(first.id)))
        assert isinstance(err.value, InvalidInput)
        assert str(err.value).startswith(
            f"'{first.id}' is both the id of the prospect 'Acme Corp' and the name of another"
        )
        assert err.value.hint == Hint(Fix.LOOK_UP, "prospects")

    def it_reaches_either_one_when_told_which(self, db):
        first = _prospect(db, "Acme Corp")
        other = _prospect(db, str(first.id))
        assert prospect_store.find(db, ProspectRef.by_id(first.id)) == first
        assert prospect_store.find(db, ProspectRef.by_name(str(first.id))) == other

    def it_returns_the_row(self, db):
        acme = _prospect(db, "Acme Corp")
        row = find_row(db, "prospects", "company", ProspectRef.of("ACME corp"))
        assert (row["id"], row["company"]) == (acme.id, "Acme Corp")


class DescribeModuleKeysFromData:
    def it_reads_a_bare_str_as_a_stored_key_even_when_all_digits(self, db):
        first = _module(db, "intro")
        numbered = _module(db, str(first.id))  # a key that looks like the first one's id
        assert module_store.get_module(db, str(first.id)) == numbered
        assert module_store.module_status(db, str(first.id)).module_id == numbered.id

    def it_reads_what_a_user_typed_by_the_ref_rule(self, db):
        first = _module(db, "intro")
        _module(db, str(first.id))
        with pytest.raises(AmbiguousRef):
            module_store.get_module(db, ModuleRef.of(str(first.id)))
        assert module_store.get_module(db, first.id) == first


class DescribeResolve:
    def it_passes_a_prospect_through_without_reading(self, db):
        ghost = Prospect(id=0, company="Not stored")
        assert prospect_store.resolve(db, ghost) is ghost

    def it_reads_plain_text_like_a_ref_for_scripts(self, db):
        acme = _prospect(db, "Acme Corp")
        assert prospect_store.resolve(db, "acme corp") == acme  # type: ignore[arg-type]


# fixtures ---------------------------------------------------------------------------------


def _prospect(db, company: str) -> Prospect:
    return prospect_store.create(db, Prospect(id=0, company=company))


def _module(db, key: str):
    return add_module(db, key, SmartContent(SmartLayout.BULLETS, "T", bullets=("a",)))


class DescribeErrorsAcrossProcesses:
    def it_pickles_the_errors_and_the_refs(self):
        import pickle

        missing = UnknownRef("module", "key", "intro", " Did you mean 'intros'?", "modules")
        back = pickle.loads(pickle.dumps(missing))
        assert (str(back), back.field, back.hint) == (str(missing), "key", missing.hint)
        clash = pickle.loads(pickle.dumps(AmbiguousRef("prospect", "7", "Acme", "prospects")))
        assert str(clash).startswith("'7' is both the id of the prospect 'Acme'")
        assert pickle.loads(pickle.dumps(ModuleRef.of("7"))) == ModuleRef(id=7, name="7")
