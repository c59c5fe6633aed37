"""Who holds a claimed row: broadcast outbox rows and reminder deliveries are claimed by a
worker before sending, and a stale claim is taken over only from a worker that is gone. The
name says which machine and process held it, for the operator reading the table."""
from __future__ import annotations

import os
import socket
import uuid


def claimant_name() -> str:
    """Unique per call, so two workers in one process never share a claim."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
