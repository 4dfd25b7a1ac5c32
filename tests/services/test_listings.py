"""Read-only lists the shells show: what they return for a small library."""

from __future__ import annotations

from enabler.services import listings
from enabler.services.images import add_images, stored_image
from tests.conftest import png_bytes


class DescribeSamplePlan:
    def it_fills_for_the_first_prospect_by_company(self, small_library):
        key = listings.list_modules(small_library)[0].key
        sample = listings.sample_plan(small_library, key, "Example Co")
        assert sample.sample is False
        assert sample.plan.prospect.company == "Acme Clinics"
        assert [p.module.key for p in sample.plan.modules] == [key]
        assert sample.plan.contact is not None

    def it_uses_an_example_prospect_in_a_library_without_any(self, small_library):
        key = listings.list_modules(small_library)[0].key
        small_library.execute("DELETE FROM contacts")
        small_library.execute("DELETE FROM prospects")
        sample = listings.sample_plan(small_library, key, "Example Co")
        assert sample.sample is True and sample.plan.prospect.company == "Example Co"


class DescribeLists:
    def it_lists_a_prospects_contacts_by_name(self, small_library):
        contacts = listings.prospect_contacts(small_library, "Acme Clinics")
        assert contacts and all(c.prospect_id for c in contacts)

    def it_narrows_the_audit_trail_to_one_module(self, small_library):
        key = listings.list_modules(small_library)[0].key
        rows = listings.audit_trail(small_library, module_ref=key)
        assert rows and {r["entity"] for r in rows} == {"module"}


class DescribeStoredImages:
    def it_stores_images_and_gives_back_their_names(self, db):
        sha, other = add_images(db, [("a.png", png_bytes("red")), ("b.png", png_bytes("blue"))])
        blob, name = stored_image(db, sha)
        assert blob.startswith(b"\x89PNG") and name == "a.png"
        assert stored_image(db, other)[1] == "b.png"
