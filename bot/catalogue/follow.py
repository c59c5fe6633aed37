"""Every replica follows the catalogue in use: a thread asks the database for the newest version
number every few seconds (one cheap query, the same on SQLite and PostgreSQL) and, when it has
moved, swaps the snapshot and lets the caller rebuild what it derives from it (the answer index)
once, off the request path."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from bot.catalogue.store import CatalogueStore

log = logging.getLogger(__name__)


class CatalogueFollower:
    def __init__(self, store: CatalogueStore, on_change: Callable[[], object], poll_seconds: float) -> None:
        self._store = store
        self._on_change = on_change
        self._poll_seconds = poll_seconds
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="catalogue-follower", daemon=True)

    def start(self) -> "CatalogueFollower":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def _follow(self) -> None:
        while not self._stopping.wait(self._poll_seconds):
            try:
                if self._store.refresh():
                    self._on_change()
            except Exception:
                log.exception("following the catalogue failed; trying again in %s s", self._poll_seconds)
