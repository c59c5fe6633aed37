"""SIGTERM (systemd, a container runtime) and SIGINT (Ctrl+C) ask a long-running command to stop
the way it was built to stop: stop taking new work, finish or hand back what it holds, close the
database. Without this, SIGTERM kills the process mid-delivery, and its claimed rows wait out the
claim timeout before another worker may take them."""
from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

log = logging.getLogger(__name__)


def stop_on_signals() -> threading.Event:
    """An event set by the first SIGTERM or SIGINT; the command waits on it, then shuts down."""
    stop = threading.Event()

    def _handle(signum: int, _frame: FrameType | None) -> None:
        log.info("%s received: stopping", signal.Signals(signum).name)
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _handle)
    return stop
