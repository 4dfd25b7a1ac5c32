"""Signed JSON envelopes: `{"body": "<canonical JSON>", "sig": "<hex Ed25519>"}`.

The signature covers the body's exact text; the body names its signer's key, so a reader can
check the signature before deciding whether it trusts that signer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from enabler.errors import InvalidInput
from enabler.services.packs import keys

MAX_ENVELOPE = 64 * 1024 * 1024


class Incomplete(Exception):
    """The file is not (yet) whole: a partial upload or a sync still running. Retry later."""


class Tampered(Exception):
    """The file is whole but its signature or content does not check out. Refuse it."""


@dataclass(frozen=True, slots=True)
class Opened:
    body: dict
    fingerprint: str
    public_pem: str


def seal(body: dict, key: Ed25519PrivateKey) -> bytes:
    public = key.public_key()
    body = body | {
        "signer": {"fingerprint": keys.fingerprint(public), "key": keys.public_pem(public)}
    }
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sig = key.sign(text.encode("utf-8")).hex()
    return json.dumps({"body": text, "sig": sig}, ensure_ascii=False).encode("utf-8")


def open_envelope(data: bytes, kind: str) -> Opened:
    """Parse and verify; raise Incomplete for a truncated file, Tampered for a forged one."""
    if len(data) > MAX_ENVELOPE:
        raise Tampered("the file is too large")
    try:
        outer = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Incomplete("the file is not complete yet") from exc
    if not isinstance(outer, dict) or not isinstance(outer.get("body"), str):
        raise Tampered("the file is not an Enabler channel file")
    try:
        body = json.loads(outer["body"])
        signer = body["signer"]
        public = keys.load_public_key(str(signer["key"]).encode("ascii"), "the signer")
        bytes_sig = bytes.fromhex(str(outer.get("sig", "")))
        public.verify(bytes_sig, outer["body"].encode("utf-8"))
    except (ValueError, KeyError, TypeError, AttributeError, InvalidSignature, InvalidInput) as exc:
        raise Tampered("its signature does not match its content") from exc
    if keys.fingerprint(public) != signer.get("fingerprint") or body.get("kind") != kind:
        raise Tampered("its signer or kind does not match")
    return Opened(body, keys.fingerprint(public), keys.public_pem(public))
