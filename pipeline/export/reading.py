"""Reading what ``threatnews run`` wrote: the records file and the errors file beside it."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from models import ArticleRecord, ErrorRecord
from pipeline.batch.writers import errors_path

Model = TypeVar("Model", bound=BaseModel)


class RecordsFileError(ValueError):
    """A records file that cannot be read: missing, or a line that is not an article record.

    Exports are made from finished runs, so a broken line is the caller's mistake (a wrong file, a
    truncated copy), not data to skip: we stop and name the line rather than export half a run.
    """


def _read_lines(path: Path, model: type[Model], what: str) -> list[Model]:
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                items.append(model.model_validate_json(line))
            except ValidationError as error:
                problems = error.error_count()
                raise RecordsFileError(f"{path}:{number}: not {what} ({problems} problems)") from error
    return items


def read_records(path: Path) -> list[ArticleRecord]:
    """Every article record in a JSONL file, in file order.

    Raises:
        RecordsFileError: when the file is missing or a line is not a valid ``ArticleRecord``.
    """
    if not path.is_file():
        raise RecordsFileError(f"no records file: {path}")
    return _read_lines(path, ArticleRecord, "an article record")


def read_errors(records_path: Path) -> list[ErrorRecord] | None:
    """The error records beside ``records_path`` (``OUT.errors.jsonl``), or ``None`` when there is no such file.

    Raises:
        RecordsFileError: when a line of the errors file is not a valid ``ErrorRecord``.
    """
    path = errors_path(records_path)
    if not path.is_file():
        return None
    return _read_lines(path, ErrorRecord, "an error record")
