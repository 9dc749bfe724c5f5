"""Sources: turn paths (folders, files) into a stream of :class:`~pipeline.documents.RawDocument`.

Each reader yields documents lazily, so a folder of any size streams through the pipeline; an input
that cannot be read is yielded as :class:`~pipeline.documents.Failed` and the stream goes on.
"""

from pipeline.sources.files import iter_documents, iter_paths

__all__ = ["iter_documents", "iter_paths"]
