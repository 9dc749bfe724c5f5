"""The documentation, checked against the code: every command and option of the CLI is in docs/cli.md, every
setting in docs/batch-runs.md, README's Python examples run, and every relative link leads somewhere.

Commands, options and settings come from the code itself (typer/click and the settings model), never from a
list kept here, so a new flag or setting fails this test until it is documented, and a documented flag that no
longer exists (``--batch-size``) fails it too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from pipeline.cli import app
from pipeline.settings import Settings
from tests.conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
CLI_DOC = DOCS / "cli.md"
SETTINGS_DOC = DOCS / "batch-runs.md"
#: What a newcomer reads to the end; the rest belongs in docs/.
MAX_README_CHARS = 10_000
#: Things only the developers have, which a user's README must not send them to.
NOT_FOR_USERS = ("../shared", "the issues' targets")

FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
ENV_VAR = re.compile(r"THREATNEWS_([A-Z][A-Z0-9_]*[A-Z0-9])\b")


def _cli() -> Any:
    """The click group typer builds from the app (typer may bring its own copy of click, so no click types here)."""
    return typer.main.get_command(app)


def _long_flags(params: list[Any]) -> set[str]:
    """The long names (``--commit-every``, ``--no-errors``) of the options among ``params``."""
    return {
        name
        for param in params
        if param.param_type_name == "option"
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("--")
    }


COMMANDS = sorted(_cli().commands)
OPTIONS = sorted((name, flag) for name, command in _cli().commands.items() for flag in _long_flags(command.params))


def _mentions(text: str, flag: str) -> bool:
    """Whether ``flag`` appears as a whole flag (``--to`` is not found inside ``--top``)."""
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


def _sections(text: str) -> dict[str, str]:
    """Level-2 heading → the text up to the next level-2 heading; the text before the first is under ''."""
    parts = re.split(r"^## +(.+)$", text, flags=re.MULTILINE)
    sections = {"": parts[0]}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        sections[heading.strip().strip("`")] = body
    return sections


def _command_section(name: str) -> str:
    sections = _sections(CLI_DOC.read_text(encoding="utf-8"))
    heading = f"threatnews {name}"
    assert heading in sections, f"docs/cli.md has no section '## {heading}'"
    return sections[heading]


def _doc_pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


# -- the command line -----------------------------------------------------------------------------------


def test_docs_cli_introspection_finds_the_commands_and_their_options():
    # Guards the tests below against passing vacuously if the introspection found nothing.
    assert {"run", "extract", "eval", "export"} <= set(COMMANDS)
    assert ("run", "--commit-every") in OPTIONS and ("run", "--pipe-batch") in OPTIONS
    assert ("schema", "--no-errors") in OPTIONS


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_cli_every_command_has_its_section(command):
    section = _command_section(command)
    assert f"threatnews {command}" in section, f"the section of {command} shows no usage or example"


@pytest.mark.parametrize(("command", "flag"), OPTIONS, ids=[f"{c}{f}" for c, f in OPTIONS])
def test_docs_cli_every_option_is_documented_under_its_command(command, flag):
    assert _mentions(_command_section(command), flag), f"docs/cli.md: '## threatnews {command}' does not mention {flag}"


def test_docs_cli_the_main_options_are_documented():
    text = CLI_DOC.read_text(encoding="utf-8")
    for flag in _long_flags(_cli().params):
        assert _mentions(text, flag), f"docs/cli.md does not mention the main option {flag}"


def test_docs_cli_documents_no_flag_the_commands_lack():
    cli = _cli()
    every = _long_flags(cli.params) | {flag for _, flag in OPTIONS} | {"--help"}
    for heading, body in _sections(CLI_DOC.read_text(encoding="utf-8")).items():
        command = cli.commands.get(heading.removeprefix("threatnews "))
        allowed = every if command is None else _long_flags(command.params) | {"--help"}
        unknown = sorted(set(FLAG.findall(body)) - allowed)
        assert not unknown, f"docs/cli.md '## {heading or '(top)'}' documents flags that do not exist there: {unknown}"


def test_docs_readme_mentions_only_real_flags_and_every_command():
    text = README.read_text(encoding="utf-8")
    every = _long_flags(_cli().params) | {flag for _, flag in OPTIONS} | {"--help"}
    unknown = sorted(set(FLAG.findall(text)) - every)
    assert not unknown, f"README.md mentions flags that do not exist: {unknown}"
    for command in COMMANDS:
        assert f"threatnews {command}" in text, f"README.md's commands table lacks threatnews {command}"


# -- settings ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_docs_every_setting_is_documented(field):
    assert f"`{field}`" in SETTINGS_DOC.read_text(encoding="utf-8"), f"docs/batch-runs.md does not document `{field}`"


@pytest.mark.parametrize("page", [README, *_doc_pages()], ids=lambda p: p.name)
def test_docs_name_only_real_settings(page):
    text = page.read_text(encoding="utf-8")
    fields = set(Settings.model_fields)
    for name in ENV_VAR.findall(text):
        assert name.lower() in fields, f"{page.name}: THREATNEWS_{name} sets no setting"
    for block in re.findall(r"^```toml\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL):
        for key in re.findall(r"^\s*#?\s*([a-z_]+)\s*=", block, flags=re.MULTILINE):
            assert key in fields, f"{page.name}: threatnews.toml key {key!r} is no setting"


# -- the README -------------------------------------------------------------------------------------------


def test_docs_readme_is_short_and_keeps_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text) <= MAX_README_CHARS, f"README.md has {len(text)} characters; move detail to docs/"
    assert "make run" in text and "make test" in text
    for phrase in NOT_FOR_USERS:
        assert phrase not in text, f"README.md sends users to {phrase!r}, which they do not have"


def test_docs_readme_links_every_docs_page():
    linked = {(README.parent / target.split("#")[0]).resolve() for target in _links(README)}
    missing = [page.name for page in _doc_pages() if page.resolve() not in linked]
    assert _doc_pages() and not missing, f"README.md does not link docs pages: {missing}"


PYTHON_BLOCKS = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_docs_readme_has_a_python_api_example():
    assert any("from pipeline import" in block for block in PYTHON_BLOCKS)


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=[f"block{i}" for i in range(len(PYTHON_BLOCKS))])
def test_docs_readme_python_blocks_run(code):
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"README.md example failed:\n{code}\n--- stderr ---\n{result.stderr[-3000:]}"


# -- links ------------------------------------------------------------------------------------------------


def _links(page: Path) -> list[str]:
    """Relative link targets in ``page`` (code blocks and inline code left out)."""
    text = INLINE_CODE.sub("", FENCED.sub("", page.read_text(encoding="utf-8")))
    return [t for t in LINK.findall(text) if not re.match(r"^[a-z][a-z0-9+.-]*:", t)]


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCED.sub("", page.read_text(encoding="utf-8"))
    return {_slug(title) for _, title in HEADING.findall(text)}


@pytest.mark.parametrize("page", [README, *_doc_pages()], ids=lambda p: p.name)
def test_docs_relative_links_lead_to_files_that_exist(page):
    links = _links(page)
    assert links, f"{page.name} links nowhere"
    for target in links:
        path, _, fragment = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        assert dest.exists(), f"{page.name}: link {target!r} points to {dest}, which does not exist"
        assert REPO in dest.parents or dest == REPO, f"{page.name}: link {target!r} leaves the repository"
        if fragment and dest.suffix == ".md":
            assert fragment in _anchors(dest), f"{page.name}: {dest.name} has no heading for #{fragment}"
