"""Sources: turn inputs (folders, files, URLs) into a stream of :class:`~pipeline.documents.RawDocument`.

Each reader yields documents lazily, so a folder of any size streams through the pipeline; an input
that cannot be read is yielded as :class:`~pipeline.documents.Failed` and the stream goes on. No
reader holds more than ``settings.max_input_bytes + 1`` bytes of one document (after gunzip): files,
JSONL lines and WARC records are read as streams, and a bigger one ends as E016 without being read
further.

========================  ===============================================  ==================
input                     read by                                          one document per
========================  ===============================================  ==================
``.txt``, ``.html/.htm``  :mod:`pipeline.sources.files` (also ``.gz``)     file
``.jsonl``, ``.json``     :mod:`pipeline.sources.jsonl` (also ``.gz``)     line
``.warc``, ``.warc.gz``   :mod:`pipeline.sources.warc`                     HTML response record
``http(s)://`` URL        :mod:`pipeline.sources.fetch`                    URL
========================  ===============================================  ==================
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import InputError
from pipeline.settings import Settings
from pipeline.sources.files import failed, file_kind, iter_paths, read_file
from pipeline.sources.jsonl import iter_jsonl
from pipeline.sources.urls import is_url


def iter_file(path: Path, settings: Settings | None = None) -> Iterator[RawDocument | Failed]:
    """The documents in one file: one for an article file, one per line or record for containers.

    Args:
        path: the file.
        settings: ``max_input_bytes`` bounds what is read of each document (defaults when None).
    """
    limit = (settings or Settings()).max_input_bytes
    kind = file_kind(path)
    if kind == "jsonl":
        yield from iter_jsonl(path, limit)
    elif kind == "warc":
        from pipeline.sources.warc import iter_warc  # warcio only for WARC inputs

        yield from iter_warc(path, limit)
    else:
        try:
            yield read_file(path, limit=limit)
        except InputError as exc:
            yield failed(Provenance(path=str(path)), exc)


def iter_documents(inputs: Iterable[str | Path], settings: Settings | None = None) -> Iterator[RawDocument | Failed]:
    """Read every input: paths are walked and read in order, then URLs are fetched.

    Args:
        inputs: files, folders and ``http(s)://`` URLs.
        settings: ``max_input_bytes`` for files and the fetcher's settings for URL inputs (defaults
            when None).
    """
    settings = settings or Settings()
    inputs = list(inputs)
    urls = [str(i) for i in inputs if isinstance(i, str) and is_url(i)]
    paths = [i for i in inputs if not (isinstance(i, str) and is_url(i))]
    for path in iter_paths(paths):
        yield from iter_file(path, settings)
    if urls:
        from pipeline.sources.fetch import iter_url_documents  # httpx only when there is something to fetch

        yield from iter_url_documents(urls, settings)


__all__ = ["iter_documents", "iter_file", "iter_paths", "read_file"]
