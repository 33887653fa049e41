"""Read a git repository by running `git`: the one place the tools call it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_output(where: Path, *args: str) -> bytes | None:
    """What `git -C where ARGS` prints, or None when git is missing or the command fails."""
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True,
                              check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
