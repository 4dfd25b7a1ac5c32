"""The signed library pack file: a zip of `manifest.json`, `manifest.sig` and `assets/<sha256>`.

The manifest lists every module, retirement, glossary term, library item (format 2: objections,
battlecards, criteria, plan templates, ROI presets, segment research, recommendation weights)
and file (with its SHA-256 and size); the Ed25519 signature covers the manifest's exact bytes
and so, through the hashes, every file. Reading checks, in this order and before anything
touches the library: the zip's entry names, count and sizes; the signature against trusted
publishers; every file against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from enabler.errors import Fix, Hint, InvalidInput
from enabler.export.atomic import write_atomic
from enabler.services.json_input import loads_json

FORMAT = "enabler-pack"
# 2 added the library sections; a version-1 pack (modules, retirements, glossary) still reads.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
_ASSET = re.compile(r"assets/[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class PackLimits:
    """Ceilings that keep a hostile pack from exhausting memory or disk."""

    max_pack_bytes: int = 1024 * 1024 * 1024
    max_entries: int = 5000
    max_entry_bytes: int = 100 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_manifest_bytes: int = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class VerifiedPack:
    """A pack whose signature and files checked out."""

    manifest: dict
    files: dict[str, bytes]  # "assets/<sha256>" → content
    publisher: str  # the name this machine trusts the key under
    fingerprint: str
    sha256: str  # of the pack file


def write_pack(
    out: Path, manifest: dict, files: dict[str, bytes], key: Ed25519PrivateKey, fingerprint: str
) -> Path:
    """Sign `manifest` (with a file table added) and write the zip atomically."""
    manifest = dict(manifest) | {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(files.items())
        },
    }
    manifest["publisher"] = dict(manifest.get("publisher", {})) | {"fingerprint": fingerprint}
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    signature = key.sign(body)

    def write(fh) -> None:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, body)
            zf.writestr(SIGNATURE, signature)
            for name, data in sorted(files.items()):
                zf.writestr(name, data)

    return write_atomic(out, write)


def _reject(path: Path, why: str, hint: Hint | None = None) -> InvalidInput:
    return InvalidInput(f"Pack {path.name} rejected: {why}. Nothing was imported.", hint=hint)


def _check_entry(path: Path, info: zipfile.ZipInfo, limits: PackLimits) -> None:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise _reject(path, f"entry {name!r} has an absolute path")
    if ".." in parts:
        raise _reject(path, f"entry {name!r} points outside the pack ('..')")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _reject(path, f"entry {name!r} is a symbolic link")
    if info.flag_bits & 0x1:
        raise _reject(path, f"entry {name!r} is encrypted")
    if name not in (MANIFEST, SIGNATURE) and not _ASSET.fullmatch(name):
        raise _reject(path, f"unexpected entry {name!r}")
    limit = limits.max_manifest_bytes if name == MANIFEST else limits.max_entry_bytes
    if info.file_size > limit:
        raise _reject(path, f"entry {name!r} is larger than the {limit:,}-byte limit")


def _read_entry(zf: zipfile.ZipFile, path: Path, info: zipfile.ZipInfo, limit: int) -> bytes:
    # Declared sizes can lie; read at most one byte past the limit to find out.
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        raise _reject(path, f"entry {info.filename!r} is damaged ({exc})") from exc
    if len(data) > limit:
        raise _reject(path, f"entry {info.filename!r} is larger than it claims")
    return data


def read_pack(
    path: Path,
    trusted: dict[str, tuple[str, Ed25519PublicKey]],
    limits: PackLimits | None = None,
) -> VerifiedPack:
    """Open, check and verify a pack; raise InvalidInput with the reason when anything is off."""
    limits = limits or PackLimits()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from exc
    if size > limits.max_pack_bytes:
        raise _reject(path, f"the file is larger than {limits.max_pack_bytes:,} bytes")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _reject(path, "it is not a zip file") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise _reject(path, f"it has more than {limits.max_entries} entries")
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise _reject(path, "it lists the same entry twice")
        for info in infos:
            _check_entry(path, info, limits)
        if sum(i.file_size for i in infos) > limits.max_total_bytes:
            raise _reject(path, f"its content exceeds {limits.max_total_bytes:,} bytes")
        entries = {i.filename: i for i in infos}
        if MANIFEST not in entries:
            raise _reject(path, "it has no manifest")
        if SIGNATURE not in entries:
            raise _reject(path, "it is not signed (no manifest.sig)")
        body = _read_entry(zf, path, entries[MANIFEST], limits.max_manifest_bytes)
        signature = _read_entry(zf, path, entries[SIGNATURE], 1024)
        manifest = _parse_manifest(path, body)
        publisher, key = _publisher(path, manifest, trusted)
        try:
            key.verify(signature, body)
        except InvalidSignature:
            raise _reject(
                path,
                "the signature does not match (the pack was changed after signing or is "
                "damaged); ask the publisher for a fresh copy",
            ) from None
        files = _check_files(zf, path, manifest, entries, limits)
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return VerifiedPack(manifest, files, publisher, manifest["publisher"]["fingerprint"], digest)


def _parse_manifest(path: Path, body: bytes) -> dict:
    try:
        manifest = loads_json(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _reject(path, "its manifest is not valid JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _reject(path, "it is not an Enabler library pack")
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise _reject(
            path,
            f"it uses pack format {version}, newer than this version of Enabler reads (up to "
            f"{FORMAT_VERSION}); update Enabler to import it",
        )
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise _reject(path, f"it declares an unknown pack format version {str(version)[:20]!r}")
    if not isinstance(manifest.get("publisher"), dict) or not isinstance(
        manifest.get("files"), dict
    ):
        raise _reject(path, "its manifest has no publisher or file list")
    return manifest


def _publisher(path: Path, manifest: dict, trusted) -> tuple[str, Ed25519PublicKey]:
    fingerprint = str(manifest["publisher"].get("fingerprint", ""))
    if fingerprint not in trusted:
        claimed = str(manifest["publisher"].get("name", "unknown"))[:80]
        raise _reject(
            path,
            f"it is signed by a key you do not trust ({claimed!r}, fingerprint "
            f"{fingerprint[:16]}…); if you trust this publisher, trust their public key "
            "(their .pub file) first",
            Hint(Fix.DO_FIRST, "trust_key"),
        )
    return trusted[fingerprint]


def _check_files(zf, path: Path, manifest: dict, entries: dict, limits) -> dict[str, bytes]:
    listed = manifest["files"]
    present = {n for n in entries if n not in (MANIFEST, SIGNATURE)}
    if set(listed) != present:
        missing = sorted(set(listed) - present)
        extra = sorted(present - set(listed))
        what = f"missing {missing[0]!r}" if missing else f"unlisted {extra[0]!r}"
        raise _reject(path, f"its files do not match the manifest ({what})")
    files = {}
    for name, meta in listed.items():
        data = _read_entry(zf, path, entries[name], limits.max_entry_bytes)
        digest = hashlib.sha256(data).hexdigest()
        if not isinstance(meta, dict) or meta.get("sha256") != digest or name[7:] != digest:
            raise _reject(path, f"file {name!r} does not match its hash in the manifest")
        if meta.get("size") != len(data):
            raise _reject(path, f"file {name!r} does not match its size in the manifest")
        files[name] = data
    return files
