"""The house plan, checked: data flows one way through the stages, walls hold, modules stay small, and no
word list is written twice."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import REPO

#: Stage of each package or module, in the order data flows (sources → clean → nlp → process → batch →
#: eval/export → cli). A module may import its own stage and the ones before it, never one after.
STAGES: tuple[tuple[str, int], ...] = (
    ("models", 0),
    ("pipeline.version", 1),
    ("pipeline.errors", 1),
    ("pipeline.settings", 1),
    ("pipeline.names", 1),
    ("pipeline.data", 1),
    ("pipeline.documents", 1),
    ("pipeline.budget", 1),
    ("pipeline.sources", 2),
    ("pipeline.clean", 3),
    ("pipeline.nlp", 4),
    ("pipeline.process", 5),
    ("pipeline.api", 5),
    ("pipeline.batch", 6),
    ("pipeline.eval", 7),
    ("pipeline.export", 7),
    ("pipeline.cli", 8),
    ("pipeline", 8),  # the package's own __init__: the public API over everything
)
#: Most lines a module may have before it should be split by what it holds.
MAX_MODULE_LINES = 420


def _modules() -> list[tuple[str, Path]]:
    out = []
    for root in ("models", "pipeline"):
        for path in sorted((REPO / root).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out.append((name, path))
    return out


def _stage(module: str) -> int | None:
    for prefix, stage in STAGES:
        if module == prefix or module.startswith(prefix + "."):
            return stage
    return None


def _imports(path: Path) -> list[str]:
    """Every module an import statement names, including imports inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


MODULES = _modules()


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_layout_imports_never_run_back_up_the_stages(name, path):
    own = _stage(name)
    assert own is not None, f"{name} has no stage in STAGES"
    later = [m for m in _imports(path) if (s := _stage(m)) is not None and s > own]
    assert not later, f"{name} (stage {own}) imports later stages: {later}"


def test_layout_walls():
    for name, path in MODULES:
        imported = _imports(path)
        if name.startswith("models"):
            assert not [m for m in imported if m.split(".")[0] in ("spacy", "pipeline")], name
        if name.startswith("pipeline.clean"):
            assert not [m for m in imported if m.split(".")[0] == "spacy"], f"{name}: clean knows nothing of spaCy"
        if name.startswith("pipeline.nlp.components"):
            banned = ("pipeline.batch", "pipeline.cli", "pipeline.sources", "pipeline.process")
            assert not [m for m in imported if m.startswith(banned)], f"{name}: components know no files or runs"


def test_layout_modules_stay_small():
    long = {
        name: n
        for name, path in MODULES
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def _word_lists(path: Path) -> list[tuple[str, frozenset[str]]]:
    """Module-level constants that are a set, tuple or list of at least three string literals."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign) or not isinstance(node.targets[0], ast.Name):
            continue
        value = node.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "frozenset" and value.args:
            value = value.args[0]
        if isinstance(value, ast.Set | ast.Tuple | ast.List):
            words = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) >= 3 and len(words) == len(value.elts):
                out.append((node.targets[0].id, frozenset(words)))
    return out


def test_layout_no_word_list_is_written_twice():
    by_content: dict[frozenset[str], list[str]] = defaultdict(list)
    for name, path in MODULES:
        for constant, words in _word_lists(path):
            by_content[words].append(f"{name}.{constant}")
    twice = {tuple(sorted(w))[:4]: where for w, where in by_content.items() if len(where) > 1}
    assert not twice, f"the same word list in several places: {twice}"
