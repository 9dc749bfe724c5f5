"""Sources: turn inputs (folders, files, URLs) into a stream of :class:`~pipeline.documents.RawDocument`.

Each reader yields documents lazily, so a folder of any size streams through the pipeline; an input
that cannot be read is yielded as :class:`~pipeline.documents.Failed` and the stream goes on.

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
from pipeline.sources.fetch import is_url, iter_url_documents
from pipeline.sources.files import failed, file_kind, iter_paths, read_file
from pipeline.sources.jsonl import iter_jsonl
from pipeline.sources.warc import iter_warc


def iter_file(path: Path) -> Iterator[RawDocument | Failed]:
    """The documents in one file: one for an article file, one per line or record for containers."""
    kind = file_kind(path)
    if kind == "jsonl":
        yield from iter_jsonl(path)
    elif kind == "warc":
        yield from iter_warc(path)
    else:
        try:
            yield read_file(path)
        except InputError as exc:
            yield failed(Provenance(path=str(path)), exc)


def iter_documents(inputs: Iterable[str | Path], settings: Settings | None = None) -> Iterator[RawDocument | Failed]:
    """Read every input: paths are walked and read in order, then URLs are fetched.

    Args:
        inputs: files, folders and ``http(s)://`` URLs.
        settings: the fetcher's settings for URL inputs (defaults when None).
    """
    inputs = list(inputs)
    urls = [str(i) for i in inputs if isinstance(i, str) and is_url(i)]
    paths = [i for i in inputs if not (isinstance(i, str) and is_url(i))]
    for path in iter_paths(paths):
        yield from iter_file(path)
    if urls:
        yield from iter_url_documents(urls, settings or Settings())


__all__ = ["iter_documents", "iter_file", "iter_paths", "read_file"]
