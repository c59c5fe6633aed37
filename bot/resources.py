"""The data the package ships (the catalogue, the app manifest, the municipalities), found through
importlib.resources wherever the package is installed: a checkout, a venv, a pipx install. Never
a path worked out from a checkout's layout, which does not exist once the wheel is installed."""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def packaged(name: str) -> Traversable:
    """One file of bot/data, to be opened."""
    return files("bot").joinpath("data", name)


def packaged_path(name: str) -> Path:
    """One file of bot/data as a path, for code that reports or re-reads a file by its path (the
    catalogue's errors name the file, its reload reads it again). pip installs a wheel as files,
    so the resource is one; a zipped install would stop here, at start, rather than later."""
    resource = packaged(name)
    if not isinstance(resource, Path):
        raise RuntimeError(f"bot/data/{name} is not a file on disk; install the package unzipped")
    return resource
