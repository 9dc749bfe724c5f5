"""Files of a local copy of a public dataset repository: a checkout, or a bare git directory read with git.

The real-news datasets (PolNeAR, CASIE) are read from a copy the user has on disk; threatnews never fetches
them and never stores their texts.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class RepoFiles:
    """Read files by their path inside the repository, whatever kind of copy ``root`` is."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.bare = (root / "HEAD").is_file() and (root / "objects").is_dir()
        if not self.bare and not root.is_dir():
            raise FileNotFoundError(f"no repository copy at {root}")

    def list(self, folder: str) -> list[str]:
        """Paths of the files directly inside ``folder`` (repository-relative, sorted)."""
        folder = folder.rstrip("/")
        if self.bare:
            out = self._git("ls-tree", "--name-only", f"HEAD:{folder}")
            return sorted(f"{folder}/{name}" for name in out.splitlines() if name)
        return sorted(str(p.relative_to(self.root)) for p in (self.root / folder).iterdir() if p.is_file())

    def exists(self, path: str) -> bool:
        if self.bare:
            return subprocess.run(self._command("cat-file", "-e", f"HEAD:{path}"), capture_output=True).returncode == 0
        return (self.root / path).is_file()

    def read_text(self, path: str) -> str:
        """A file's text (UTF-8)."""
        if self.bare:
            return self._git("show", f"HEAD:{path}")
        return (self.root / path).read_text(encoding="utf-8")

    def _command(self, *args: str) -> list[str]:
        return ["git", f"--git-dir={self.root}", *args]

    def _git(self, *args: str) -> str:
        done = subprocess.run(self._command(*args), capture_output=True, check=True)
        return done.stdout.decode("utf-8")
