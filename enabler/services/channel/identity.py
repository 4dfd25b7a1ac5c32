"""This install's reporter key: made on the first `channel set`, kept next to the library file.

The private key never goes into the library or the channel; only its public half travels, inside
each signed batch, so marketing can decide to trust it.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from enabler.errors import InvalidInput
from enabler.services.packs import keys


def key_path(db: sqlite_utils.Database) -> Path:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    if not row or not row[2]:
        raise InvalidInput("The team channel needs a library saved in a file.")
    path = Path(row[2])
    return path.with_name(f"{path.stem}.reporter.key")


def ensure_key(db: sqlite_utils.Database) -> tuple[Path, str]:
    """The key file and its fingerprint, making the key if this install has none yet."""
    path = key_path(db)
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    return path, keys.fingerprint(keys.load_private_key(path).public_key())


def load_key(db: sqlite_utils.Database) -> Ed25519PrivateKey | None:
    path = key_path(db)
    return keys.load_private_key(path) if path.exists() else None
