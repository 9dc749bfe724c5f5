import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import CORPUS

runner = CliRunner()
COMMANDS = sorted(cmd.name for cmd in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3


def test_cli_schema_prints_the_record_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "quotes" in json.loads(result.output)["properties"]


def test_cli_extract_prints_a_record(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "The hacking group Volt Typhoon is behind the cyberattacks, the agency said in a statement.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["actors"][0]["name"] == "Volt Typhoon"


def test_cli_run_exit_code_says_whether_all_inputs_became_records(tmp_path):
    out = tmp_path / "r.jsonl"
    ok = runner.invoke(app, ["run", str(CORPUS / "articles"), "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_text("")
    bad = runner.invoke(app, ["run", str(tmp_path / "bad"), "-o", str(tmp_path / "b.jsonl")])
    assert bad.exit_code == 1 and "1 empty" in bad.output


def test_cli_eval_json_has_each_category(tmp_path):
    result = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(CORPUS / "gold"),
            "--articles",
            str(CORPUS / "articles"),
            "--json",
            "--seeds",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    corpus = json.loads(result.output)["corpus"]
    for key in ("quotes", "linked_speakers", "actors", "agencies", "claims", "furniture"):
        assert key in corpus


def test_cli_help_loads_no_heavy_library():
    """`threatnews --help` must start fast: the app imports no NLP, HTTP, STIX, HTML or record-model library."""
    import subprocess
    import sys

    heavy = ("spacy", "thinc", "trafilatura", "httpx", "stix2", "jinja2", "lxml", "warcio", "pydantic", "models")
    code = (
        "import sys\nfrom pipeline.cli import app\n"
        "from typer.main import get_command\n"
        "get_command(app)\n"  # the click command tree is what --help renders
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_cli_run_on_a_folder_loads_no_http_or_warc_library(tmp_path):
    """Reading files never fetches: `threatnews run folder/` must not pay for importing httpx's client or warcio."""
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Officials said the hackers were linked to Beijing.\n", encoding="utf-8")
    code = (
        "import sys\n"
        f"sys.argv = ['threatnews', 'run', {str(tmp_path / 'in')!r}, '-o', {str(tmp_path / 'out.jsonl')!r}, '--quiet']\n"
        "from pipeline.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('warcio', 'pipeline.sources.fetch', 'pipeline.sources.guard') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 1
