"""The catalogue in use, reloaded safely while the bot runs."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.catalogue.loader import CatalogueError, load_catalogue
from bot.catalogue.model import Catalogue

log = logging.getLogger(__name__)


class CatalogueStore:
    """Holds the catalogue in use. A reload with a broken file keeps the last good catalogue, so
    a typo in offers.yaml never takes the bot down."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._current = load_catalogue(path)

    @property
    def current(self) -> Catalogue:
        return self._current

    def reload(self) -> str | None:
        """Load the file again; return None on success, or the Danish error kept from the new file."""
        try:
            fresh = load_catalogue(self._path)
        except CatalogueError as exc:
            log.error("offers.yaml reload failed, keeping the last good catalogue: %s", exc)
            return str(exc)
        with self._lock:
            self._current = fresh
        return None
