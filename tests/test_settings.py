import pytest
from pydantic import ValidationError

from pipeline.settings import Settings


def test_settings_defaults_bound_a_run():
    settings = Settings()
    assert settings.max_chars == 1_000_000 and settings.doc_timeout > 0 and settings.workers == 1
    assert settings.engine == "local" and not settings.resume and not settings.fail_fast


def test_settings_environment_and_toml_with_flags_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "threatnews.toml").write_text("workers = 3\ndoc_timeout = 9.5\nquiet = true\n", encoding="utf-8")
    monkeypatch.setenv("THREATNEWS_WORKERS", "2")
    monkeypatch.setenv("THREATNEWS_ENGINE", "dask")
    settings = Settings()
    assert settings.workers == 2 and settings.engine == "dask"  # environment over the file
    assert settings.doc_timeout == 9.5 and settings.quiet  # from the file
    assert Settings(workers=4).workers == 4  # flags over both


@pytest.mark.parametrize(
    "bad", [{"workers": 0}, {"engine": "spark"}, {"doc_timeout": -1}, {"max_chars": 0}, {"max_input_bytes": 0}]
)
def test_settings_bad_values_are_rejected(bad):
    with pytest.raises(ValidationError):
        Settings(**bad)
