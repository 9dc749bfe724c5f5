"""threatnews: who said what, about whom, in news about cyberattacks.

The Python API under the ``threatnews`` CLI::

    from pipeline import extract, run, Settings
    record = extract(html_or_text)          # one models.ArticleRecord
    summary = run(["corpus/articles"], Path("out/records.jsonl"))

The names are imported on first use (PEP 562), so ``import pipeline`` (and ``threatnews --help``) does not load
spaCy, trafilatura or pydantic models until a command needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from pipeline.version import __version__

if TYPE_CHECKING:
    from pipeline.api import extract
    from pipeline.batch.runner import RunSummary, run
    from pipeline.settings import Settings

#: Public name → the module that defines it.
_API = {
    "extract": "pipeline.api",
    "run": "pipeline.batch.runner",
    "RunSummary": "pipeline.batch.runner",
    "Settings": "pipeline.settings",
}

__all__ = ["RunSummary", "Settings", "__version__", "extract", "run"]


def __getattr__(name: str) -> Any:  # noqa: ANN401
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
