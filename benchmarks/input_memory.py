"""Peak memory while reading decompression bombs and giant lines: bounded by ``max_input_bytes``, not the file.

Each case is written in a few streaming writes (a gzip member of 2 GB of zeros is ~2 MB on disk) and read by
:func:`pipeline.sources.iter_documents` in a fresh child process, which reports its own peak RSS (``VmHWM``;
``ru_maxrss`` would be inherited from the parent). ``make bench`` prints the figures; the tests in
``tests/sources/test_bombs.py`` hold each under 500 MB.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GB = 1 << 30
BLOCK = 16 << 20

CHILD = r"""
import json, sys
from pipeline.settings import Settings
from pipeline.sources import iter_documents

items = []
for item in iter_documents(sys.argv[2:], Settings(max_input_bytes=int(sys.argv[1]))):
    content = getattr(item, "content", None)
    items.append({
        "kind": type(item).__name__,
        "code": getattr(item, "code", None),
        "message": getattr(item, "message", None),
        "name": (item.provenance.path or "").rsplit("/", 1)[-1],
        "record": item.provenance.record,
        "size": None if content is None else len(content),
    })
    del item, content
# VmHWM is this process image's own peak. (getrusage's ru_maxrss is not: Linux carries it over from the
# process that forked the child, here pytest with spaCy loaded, so it would measure the test runner.)
with open("/proc/self/status") as status:
    hwm_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"items": items, "peak_mb": hwm_kb / 1024}))
"""


def gzip_member(out, head: bytes, zeros: int, tail: bytes = b"") -> None:
    """Write one gzip member of ``head + zeros × b"\\0" + tail`` to ``out`` without holding it whole.

    A full flush after each block of zeros resets the compressor, so one compressed block is written
    again and again (a valid deflate stream); only the CRC has to run over every byte.
    """
    assert zeros % BLOCK == 0
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
    out.write(comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH))
    block = bytes(BLOCK)
    packed = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(zeros // BLOCK):
        out.write(packed)
        crc = zlib.crc32(block, crc)
    out.write(comp.compress(tail) + comp.flush())
    crc = zlib.crc32(tail, crc)
    out.write(struct.pack("<II", crc, (len(head) + zeros + len(tail)) & 0xFFFFFFFF))


def read_in_child(limit: int, *paths: Path) -> tuple[list[dict], float]:
    """Read ``paths`` with ``max_input_bytes=limit`` in a child process: (what came out, its peak RSS in MB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("THREATNEWS_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cwd = paths[0] if paths[0].is_dir() else paths[0].parent
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(limit), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["items"], result["peak_mb"]


def input_memory(limit: int = 1_000_000) -> dict[str, float]:
    """Peak RSS (MB) reading each kind of bomb next to a good page, with ``max_input_bytes=limit``."""
    page = b"<html><body><article><p>Officials said the hackers were linked to Beijing.</p></article></body></html>"
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="threatnews-bombs-") as tmp:
        folder = Path(tmp)
        cases = {
            "html.gz, 2 GB inflated": ("bomb.html.gz", lambda out: gzip_member(out, b"<html><body><p>", 2 * GB)),
            "jsonl, 1 GB line": ("feed.jsonl", _giant_line),
            "jsonl.gz, 512 MB line": (
                "feed.jsonl.gz",
                lambda out: gzip_member(out, b'{"text": "', GB // 2, b'"}\n{"text": "Last."}\n'),
            ),
        }
        for name, (file_name, write) in cases.items():
            case = folder / name.split(",")[0].replace(".", "-")
            case.mkdir()
            with (case / file_name).open("wb") as out:
                write(out)
            (case / "good.html").write_bytes(page)
            figures[name] = read_in_child(limit, case)[1]
    return figures


def _giant_line(out) -> None:  # noqa: ANN001 - a binary file
    """A JSONL file whose second line is 1 GB: a hole in a sparse file, as big to read but quick to write."""
    out.write(b'{"text": "Officials said the hackers were linked to Beijing."}\n{"text": "')
    out.seek(GB, os.SEEK_CUR)
    out.write(b'"}\n')


if __name__ == "__main__":
    for case, peak in input_memory().items():
        print(f"{case:28} peak RSS {peak:6.0f} MB")
