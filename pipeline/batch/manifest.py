"""The resume manifest: which inputs a run has finished, committed batch by batch beside ``OUT``.

``OUT.manifest.jsonl`` holds one line per committed batch: the inputs it finished (source label and
content hash, with the record's ``doc_id`` or the error's type) and the sizes of the records and
errors files once that batch's lines were written and fsynced. The runner writes the records and
errors first, then this line, so the manifest never claims more than is on disk. On ``--resume`` the
last whole line says how far the output files are trustworthy: anything after it (an uncommitted
batch, a torn line) is cut off, and every input the manifest names is skipped, so a run killed at
any moment ends, once resumed, with exactly one record or error per input.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipeline.batch.outputs import open_output
from pipeline.batch.writers import errors_path, fsync_dir, truncate_to
from pipeline.documents import Failed, RawDocument
from pipeline.errors import ConfigError, Errors

#: Bump when the line layout changes.
MANIFEST_VERSION = 1

InputKey = tuple[str, str]


def manifest_path(out: Path) -> Path:
    """``OUT.jsonl`` → ``OUT.manifest.jsonl``, beside it."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{name}.manifest.jsonl")


def content_hash(content: bytes | str) -> str:
    """SHA-256 (32 hex digits) of an input's content as read, before any decoding."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()[:32]


def input_key(item: RawDocument | Failed) -> InputKey:
    """How the manifest names an input: its source label and content hash (the error code when unread)."""
    if isinstance(item, Failed):
        return item.provenance.label, f"failed:{item.code}"
    return item.provenance.label, content_hash(item.content)


@dataclass(frozen=True)
class Finished:
    """One input a batch finished: a record (``doc_id``) or an error (``error_type``)."""

    key: InputKey
    doc_id: str | None = None
    error_type: str | None = None
    duplicate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.key[0],
            "hash": self.key[1],
            "doc_id": self.doc_id,
            "error": self.error_type,
            "duplicate": self.duplicate,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Finished:
        return cls((obj["source"], obj["hash"]), obj.get("doc_id"), obj.get("error"), bool(obj.get("duplicate")))


@dataclass
class ResumeState:
    """What an earlier run finished: inputs to skip, bodies already recorded, and the counts so far."""

    done: Counter[InputKey] = field(default_factory=Counter)
    seen: dict[str, str] = field(default_factory=dict)
    finished: list[Finished] = field(default_factory=list)
    records_size: int = 0
    errors_size: int = 0

    def take(self, key: InputKey) -> bool:
        """True (once per committed copy) when the input was finished before and is to be skipped."""
        if self.done[key] > 0:
            self.done[key] -= 1
            return True
        return False


def _read_committed(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The whole, valid batch lines of a manifest and the byte length they span."""
    if not path.exists():
        return [], 0
    batches: list[dict[str, Any]] = []
    good = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # torn by a kill inside the write
            try:
                obj = json.loads(raw)
            except ValueError:
                break
            if not isinstance(obj, dict) or obj.get("manifest") != MANIFEST_VERSION:
                break
            batches.append(obj)
            good += len(raw)
    return batches, good


def load_resume_state(out: Path) -> ResumeState:
    """Read the manifest beside ``out`` and cut every output file back to its last committed batch.

    Raises:
        ConfigError: the records or errors file is shorter than the manifest says (edited or replaced
            since), so resuming would lose or repeat inputs.
    """
    path = manifest_path(out)
    batches, good = _read_committed(path)
    state = ResumeState()
    for batch in batches:
        for obj in batch["items"]:
            finished = Finished.from_json(obj)
            state.finished.append(finished)
            state.done[finished.key] += 1
            if finished.doc_id is not None:
                state.seen.setdefault(finished.doc_id, finished.key[0])
    if batches:
        state.records_size, state.errors_size = batches[-1]["records_bytes"], batches[-1]["errors_bytes"]
    for target, size in ((out, state.records_size), (errors_path(out), state.errors_size)):
        if size and (not target.exists() or target.stat().st_size < size):
            raise ConfigError(Errors.E020, f"{target} is shorter than its manifest {path}")
        truncate_to(target, size)
    if path.exists():
        truncate_to(path, good)
    return state


class ManifestWriter:
    """Appends one fsynced line per committed batch."""

    def __init__(self, out: Path, *, append: bool) -> None:
        self.path = manifest_path(out)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] = open_output(self.path, "a" if append else "w")
        self._batch = 0
        fsync_dir(self.path.parent)

    def commit(self, items: list[Finished], records_bytes: int, errors_bytes: int) -> None:
        """Record ``items`` as finished, after their lines reached the output files."""
        if not items:
            return
        self._batch += 1
        line = {
            "manifest": MANIFEST_VERSION,
            "records_bytes": records_bytes,
            "errors_bytes": errors_bytes,
            "items": [item.to_json() for item in items],
        }
        self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
