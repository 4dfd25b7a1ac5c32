"""Shared fixtures: a fresh library, a small hand-made library, the demo library."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image

# Qt aborts without a display; tests always use the offscreen platform unless told otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout, Stage
from enabler.domain.prospects import Contact, Insight, InsightKind, Prospect
from enabler.services.demo.library import load_demo
from enabler.services.images import add_image
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store import settings
from enabler.store.connection.db import open_db, transaction

# An unexpected ERROR log fails its test; tests that run LibreOffice are marked so.
pytest_plugins = ["tests.helpers.logfail", "tests.helpers.markers", "pytester"]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pptx"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "library.db")


def png_bytes(colour="teal", size=(320, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="PNG")
    return buf.getvalue()


def add_module(
    db,
    key,
    content,
    *,
    stages=(Stage.DECISION,),
    industries=(),
    notes="",
    state=ModuleState.APPROVED,
    tags=(),
):
    with transaction(db):
        return module_store.create_smart(
            db,
            key=key,
            content=content,
            owner="Marketing",
            stages=stages,
            industries=industries,
            tags=tags,
            talking_points=notes,
            state=state,
        )


@pytest.fixture
def small_library(db):
    """Four modules on different layouts and one prospect with a contact."""
    with transaction(db):
        settings.put(db, "vendor", {"name": "Brightwave", "product": "Brightwave Flow"})
        settings.put(db, "reps", {"Dana Rep": {"email": "dana@brightwave.example"}})
        image = add_image(db, png_bytes(), "shot.png")
        prospect = prospect_store.create(
            db,
            Prospect(
                id=0,
                company="Acme Clinics",
                industry="Healthcare",
                stage=Stage.DECISION,
                owner_rep="Dana Rep",
                pains=("Slow claims",),
                logo=add_image(db, png_bytes("navy"), "logo.png"),
            ),
        )
        prospect_store.add_contact(
            db,
            Contact(
                id=0,
                prospect_id=prospect.id,
                name="Jo Buyer",
                title="CFO",
                persona="CFO",
                primary=True,
            ),
        )
        prospect_store.add_insight(
            db,
            Insight(
                id=0,
                prospect_id=prospect.id,
                kind=InsightKind.PAIN,
                text="Claims backlog",
                date=dt.date(2026, 10, 1),
            ),
        )
    add_module(
        db,
        "why-section",
        SmartContent(SmartLayout.SECTION, "Why change", subtitle="For {{ prospect.company }}"),
        tags=("section",),
        notes="Open with their pain: {{ prospect.top_pain }}.",
    )
    add_module(
        db,
        "pillars",
        SmartContent(
            SmartLayout.BULLETS,
            "What {{ prospect.company }} gets",
            bullets=("Faster claims", "Fewer denials for {{ contact.first_name }}"),
        ),
        notes="Walk through the pillars.",
    )
    add_module(
        db,
        "proof",
        SmartContent(
            SmartLayout.IMAGE_TEXT,
            "See it",
            image=image,
            caption="Review screen",
            bullets=("Extracted fields",),
        ),
        notes="Show the screen.",
    )
    add_module(
        db,
        "retail-only",
        SmartContent(SmartLayout.BULLETS, "Retail", bullets=("x",)),
        industries=("Retail",),
    )
    add_module(
        db,
        "draft",
        SmartContent(SmartLayout.BULLETS, "Draft", bullets=("x",)),
        state=ModuleState.DRAFT,
    )
    return db


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    load_demo(open_db(path))
    return path


def copy_library(source: Path, dest: Path) -> Path:
    """A consistent copy of the library at `source` (VACUUM INTO: no half-written pages)."""
    open_db(source).conn.execute("VACUUM INTO ?", [str(dest)])
    return dest


@pytest.fixture
def demo_db_path(demo_db_file, tmp_path) -> Path:
    """A private copy of the demo library (made once per session), as a path: for the CLI,
    the app and child processes, which open their own connections."""
    return copy_library(demo_db_file, tmp_path / "demo.db")


@pytest.fixture
def demo_db(demo_db_path):
    """A private copy of the demo library, open."""
    return open_db(demo_db_path)


def run_cli(*args, env=None, cwd=None):
    import subprocess

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "enabler", *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        check=False,
    )


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def soffice():
    """LibreOffice's binary; missing → skip locally, fail in CI."""
    path = soffice_path()
    if path is None:
        if IN_CI:
            pytest.fail("LibreOffice is required in CI but `soffice` is not installed.")
        pytest.skip(
            "LibreOffice not installed (apt install libreoffice-impress) — skipped locally."
        )
    return path


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory, monkeypatch):
    """Slide previews (rendered by the Build page in any app test) go to the session's temp
    folder, never to the user's ~/.cache."""
    monkeypatch.setenv("ENABLER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
