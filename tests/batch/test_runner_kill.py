"""A real ``kill -9`` in the middle of ``threatnews run``, then ``--resume``: one line per input, none torn."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.batch.manifest import manifest_path
from tests.batch.test_runner import make_articles, sources

ARTICLES = 40
#: Generous: the run is waited for, not timed.
WAIT_SECONDS = 300


def _threatnews(*args: str) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli import main; main()", *args]


def _committed_batches(out: Path) -> int:
    path = manifest_path(out)
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_runner_kill_9_mid_run_then_resume_gives_one_line_per_input(tmp_path):
    src = tmp_path / "in"
    make_articles(src, ARTICLES)
    out = tmp_path / "out" / "records.jsonl"
    args = ["run", str(src), "-o", str(out), "--commit-every", "2", "--workers", "2", "--quiet"]
    proc = subprocess.Popen(_threatnews(*args), start_new_session=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while _committed_batches(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes, mid-batch
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    killed_at = len(out.read_bytes().splitlines())
    assert 0 < killed_at < ARTICLES

    resumed = subprocess.run(_threatnews(*args, "--resume"), capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert resumed.returncode == 0, resumed.stderr
    assert "finished before, skipped" in resumed.stdout
    raw = out.read_bytes()
    assert raw.endswith(b"\n")
    records = [json.loads(line) for line in raw.splitlines()]  # no torn line: every line parses
    assert len(records) == ARTICLES
    assert sources(out) == sorted(((str(p), None) for p in src.iterdir()), key=str)


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_runner_workers_exit_when_the_run_is_killed(tmp_path):
    src = tmp_path / "in"
    make_articles(src, ARTICLES)
    out = tmp_path / "out" / "records.jsonl"
    args = ["run", str(src), "-o", str(out), "--commit-every", "2", "--workers", "2", "--quiet"]
    proc = subprocess.Popen(_threatnews(*args), stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT_SECONDS
    while _committed_batches(out) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the run had no worker processes to leave behind"
    os.kill(proc.pid, signal.SIGKILL)  # the run alone: nobody shuts its pool down
    proc.wait()
    gone_by = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < gone_by:
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers outlived their run: {left}"
