"""`borgmesterbot ARGS` run in the test's own process, through the console script's entry point
(bot.cli.main), with the environment, working folder, stdin, stdout and stderr a subprocess
would have, and its answer in the same shape (``subprocess.CompletedProcess``), so a test reads
the same either way. A new interpreter costs a second or more of imports per command; each
command family keeps one test that starts the real process (its exit code, its streams)."""
from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from unittest import mock

from bot import PROJECT_ROOT
from bot.cli import main


class _KeptBytes(io.BytesIO):
    """A stream's bytes that outlive a wrapper closing it (``ask`` wraps stdout and stdin)."""

    def close(self) -> None:
        pass


def run_in_process(
    *args: str, env: Mapping[str, str], stdin: str = "", cwd: Path = PROJECT_ROOT
) -> subprocess.CompletedProcess[str]:
    """As ``subprocess.run([python, "-m", "bot", *args], env=env, cwd=cwd, input=stdin, text=True,
    capture_output=True)``: the environment is exactly ``env`` for the command (and restored
    after, with whatever its .env reading added), and the log handler it installs goes with it."""
    out, err = _KeptBytes(), _KeptBytes()
    streams = {
        "stdin": io.TextIOWrapper(_KeptBytes(stdin.encode("utf-8")), encoding="utf-8"),
        "stdout": io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        "stderr": io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    }
    root, alembic = logging.getLogger(), logging.getLogger("alembic")
    handlers, levels = list(root.handlers), (root.level, alembic.level)
    try:
        with mock.patch.dict(os.environ, env, clear=True), contextlib.chdir(cwd), mock.patch.multiple(sys, **streams):
            try:
                code = main(list(args))
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            for stream in streams.values():
                stream.flush()
    finally:
        root.handlers[:] = handlers
        root.setLevel(levels[0])
        alembic.setLevel(levels[1])
    return subprocess.CompletedProcess(
        ["borgmesterbot", *args], code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    )
