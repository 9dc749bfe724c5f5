"""Writing an export's file: whole or not at all, and never through a link planted at its path.

A report, bundle or table is written to a temporary file beside ``path`` and renamed over it. The rename
replaces a symbolic link standing at ``path`` instead of following it (an attacker's link to another file
cannot make ``threatnews report -o`` overwrite that file), and a reader never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def replacing(path: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text file open for writing whose content replaces ``path`` when the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            yield out
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` as the whole content of ``path`` (see :func:`replacing`)."""
    with replacing(path) as out:
        out.write(text)
