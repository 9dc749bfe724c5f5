"""threatnews: who said what, about whom, in news about cyberattacks.

The Python API under the ``threatnews`` CLI::

    from pipeline import extract, run, Settings
    record = extract(html_or_text)          # one models.ArticleRecord
    summary = run(["corpus/articles"], Path("out/records.jsonl"))
"""

from __future__ import annotations

from pipeline.api import extract
from pipeline.batch.runner import RunSummary, run
from pipeline.settings import Settings
from pipeline.version import __version__

__all__ = ["RunSummary", "Settings", "__version__", "extract", "run"]
