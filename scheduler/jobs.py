"""The functions APScheduler calls, at stable import paths with only a primitive argument.

APScheduler's job store pickles a job as its function's path and its arguments, and deletes a
stored job whose path no longer imports; so the paths here must not move, and the argument is
just the id of the running ReminderScheduler, looked up in this process. A stored job left by a
scheduler that has since stopped finds no instance and does nothing.
"""
from __future__ import annotations

import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)

TICK = "scheduler.jobs:tick"
HOUSEKEEPING = "scheduler.jobs:housekeeping"


class Work(Protocol):
    def tick(self) -> None: ...

    def housekeeping(self) -> None: ...

    def stop(self) -> None: ...


_instances: dict[str, Work] = {}
_lock = threading.Lock()


def register(instance_id: str, work: Work) -> None:
    with _lock:
        _instances[instance_id] = work


def unregister(instance_id: str) -> None:
    with _lock:
        _instances.pop(instance_id, None)


def _work(instance_id: str) -> Work | None:
    with _lock:
        work = _instances.get(instance_id)
    if work is None:
        log.info("no running scheduler %s in this process; the job is left to the leader", instance_id)
    return work


def tick(instance_id: str) -> None:
    """Send what is due (the database says what that is)."""
    work = _work(instance_id)
    if work is not None:
        work.tick()


def housekeeping(instance_id: str) -> None:
    work = _work(instance_id)
    if work is not None:
        work.housekeeping()
