"""Coded error messages, in one table, and the exception that carries them.

Problems in the data (an empty file, a broken JSON line) are not bugs: they become error records
(``models.ErrorRecord``) and the batch goes on. Each has a stable code so that analysts and CI can
count them by type, and a message template that names the reason.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    """Error codes with their message templates (spaCy's ``errors.py`` pattern)."""

    E001 = "empty: the input has no content"
    E002 = "binary: the input looks binary, not text or HTML ({detail})"
    E003 = "decode: the input could not be decoded as text ({detail})"
    E004 = "gzip: the compressed input is truncated or corrupt ({detail})"
    E005 = "no-article: no article text was found in the HTML"
    E006 = "language: unsupported language: {detail}"
    E007 = "too-large: the document has {detail} characters, over the limit"
    E008 = "json: broken JSON line ({detail})"
    E009 = "duplicate: the same body as an earlier document"
    E010 = "nlp: the NLP pipeline failed on this document ({detail})"
    E011 = "unsupported: not an article format threatnews reads ({detail})"
    E012 = "read: the input could not be read ({detail})"
    E013 = "fetch: the URL could not be fetched ({detail})"
    E014 = "warc: the archive record is not usable ({detail})"
    E015 = "timeout: the document took longer than the time budget ({detail})"
    E016 = "too-large: the input has {detail} bytes, over the limit"
    E017 = "clean-failed: the cleaner failed on this document ({detail})"
    E018 = "record: the record could not be built from the annotations ({detail})"
    E019 = "worker: the worker process died while processing this document ({detail})"
    E020 = "resume: the output files do not match their manifest ({detail})"
    E021 = "engine: the run could not start its workers ({detail})"
    E025 = "locked: the output is being written by another run ({detail})"
    E026 = "unsafe-output: the output path cannot be used ({detail})"

    @property
    def error_type(self) -> str:
        """The short machine-readable reason, e.g. ``empty``."""
        return self.value.split(":", 1)[0]

    def format(self, detail: str = "") -> str:
        """The human message, with ``detail`` filled in."""
        return self.value.split(": ", 1)[1].format(detail=detail)


class InputError(Exception):
    """An input that cannot become an article record; turned into an error record by the runner.

    Args:
        code: the error's entry in :class:`Errors`.
        detail: what to fill into the message (e.g. the decoder's complaint).
        stage: the pipeline stage that found the problem.
    """

    def __init__(self, code: Errors, detail: str = "", *, stage: str = "sources", message: str | None = None) -> None:
        self.code = code
        self.detail = detail
        self.stage = stage
        self._message = message
        super().__init__(f"[{code.name}] {self.message}")

    @property
    def message(self) -> str:
        """The human message (``message`` when given: a failure's own wording, e.g. a duplicate's)."""
        return self._message if self._message is not None else self.code.format(self.detail)


class ConfigError(Exception):
    """A caller's or a configuration mistake that stops the run (the CLI exits with the usage status).

    Args:
        code: the error's entry in :class:`Errors`.
        detail: what to fill into the message.
    """

    def __init__(self, code: Errors, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"[{code.name}] {code.format(detail)}")

    @property
    def message(self) -> str:
        return self.code.format(self.detail)
