"""What /healthz reports: each part of the running process (the database, and in `run` the Socket
Mode connection, the scheduler and the broadcast worker) says whether it is well and in a word
what it is doing. One part that is not well makes the answer 503, so a load balancer or an
orchestrator stops sending to the process or restarts it; a scheduler that waits while another
replica leads is well."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.db import Database

log = logging.getLogger(__name__)

Probe = Callable[[], tuple[bool, str]]


class Health:
    def __init__(self) -> None:
        self._probes: dict[str, Probe] = {}

    def add(self, name: str, probe: Probe) -> None:
        self._probes[name] = probe

    def report(self) -> tuple[bool, dict[str, str]]:
        states: dict[str, str] = {}
        well = True
        for name, probe in list(self._probes.items()):
            try:
                ok, state = probe()
            except Exception as error:
                log.exception("health probe %s failed", name)
                ok, state = False, f"fejl: {error}"
            well = well and ok
            states[name] = state
        return well, states

    def body(self) -> tuple[bool, bytes]:
        well, states = self.report()
        return well, json.dumps({"status": "ok" if well else "fejl", **states}, ensure_ascii=False).encode("utf-8")


def database_probe(db: Database) -> Probe:
    def probe() -> tuple[bool, str]:
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            return False, f"svarer ikke: {str(getattr(error, 'orig', None) or error).strip().splitlines()[0]}"
        return True, "ok"

    return probe
