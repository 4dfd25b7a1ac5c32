"""A fault-injecting wrapper around the channel's fsspec file system, as real sync engines and
shared drives misbehave: files listed before their content arrives, files that appear late or
one by one, partial reads, and sync-engine duplicates next to every file.

`install(monkeypatch)` wraps the file system of every `Channel` made afterwards and returns the
`Faults` a test switches on and off between syncs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from enabler.services.channel.transport import Channel


@dataclass
class Faults:
    hidden: set[str] = field(default_factory=set)  # not listed and not readable yet
    listed_early: set[str] = field(default_factory=set)  # listed, but reading finds nothing
    truncated: set[str] = field(default_factory=set)  # read back half-written
    duplicates: bool = False  # every file also listed as "x (1).ext" and "x-conflict-….ext"
    reads: list[str] = field(default_factory=list)  # every name actually read


def _base(path: str) -> str:
    return str(path).rstrip("/").rsplit("/", 1)[-1]


def _copies(name: str) -> list[str]:
    stem, dot, ext = name.rpartition(".")
    return [f"{stem} (1).{ext}", f"{stem}-conflict-laptop.{ext}"] if dot else []


class FaultyFS:
    """Delegates to the real file system, injecting the faults switched on in `faults`."""

    def __init__(self, fs, faults: Faults) -> None:
        self._fs, self.faults = fs, faults

    def __getattr__(self, name):  # exists, makedirs, pipe_file, mv, rm_file… pass through
        return getattr(self._fs, name)

    def ls(self, path, detail=True, **kwargs):
        out = []
        for entry in self._fs.ls(path, detail=True, **kwargs):
            name = _base(entry["name"])
            if name in self.faults.hidden:
                continue
            out.append(entry)
            if self.faults.duplicates and entry.get("type") == "file":
                parent = str(entry["name"]).rsplit("/", 1)[0]
                out += [entry | {"name": f"{parent}/{copy}"} for copy in _copies(name)]
        return out if detail else [e["name"] for e in out]

    def cat_file(self, path, **kwargs):
        name = _base(path)
        if name in self.faults.hidden or name in self.faults.listed_early:
            raise FileNotFoundError(path)
        self.faults.reads.append(name)
        data = self._fs.cat_file(path, **kwargs)
        return data[: len(data) // 2] if name in self.faults.truncated else data


def install(monkeypatch) -> Faults:
    faults = Faults()
    real_init = Channel.__init__

    def init(self, location):
        real_init(self, location)
        self._fs = FaultyFS(self._fs, faults)

    monkeypatch.setattr(Channel, "__init__", init)
    return faults
