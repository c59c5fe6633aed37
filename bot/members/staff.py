"""Who counts as KL staff: configured Slack user ids, members of a configured Slack user group,
or members with the staff role in the directory. Checked at every step (command, modal submit,
button), not only when a modal opens, and every refusal is logged."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.models.members import Member, Role

log = logging.getLogger(__name__)

REFUSAL = (
    "Det kan kun KL's medarbejdere gøre. Mener du, at du burde have adgang, så skriv til "
    "den, der driver Borgmesterbot hos KL."
)


class StaffPolicy:
    """The user-group lookup is attached by the Slack adapter (usergroups.users.list) and cached
    briefly, so a removed staff member loses access within minutes, not at the next restart."""

    def __init__(
        self,
        db: Database,
        configured: frozenset[str],
        cache_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._configured = configured
        self._usergroup_members: Callable[[], set[str]] | None = None
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._cached: tuple[float, set[str]] | None = None
        self._lock = threading.Lock()

    def read_usergroup_with(self, fetch: Callable[[], set[str]]) -> None:
        """Use this lookup of the staff user group's members from now on."""
        with self._lock:
            self._usergroup_members = fetch
            self._cached = None

    def _group(self) -> set[str]:
        if self._usergroup_members is None:
            return set()
        with self._lock:
            now = self._clock()
            if self._cached is None or now - self._cached[0] > self._cache_seconds:
                try:
                    self._cached = (now, set(self._usergroup_members()))
                except Exception:
                    log.exception("could not read the staff user group; using the last known members")
                    if self._cached is None:
                        return set()
            return self._cached[1]

    def is_staff(self, user_id: str) -> bool:
        if user_id in self._configured or user_id in self._group():
            return True
        with self._db.session() as session:
            role = session.scalar(select(Member.role).where(Member.slack_user_id == user_id))
        return role is Role.STAFF

    def everyone(self) -> set[str]:
        """Every staff member's Slack id (configured, in the user group, or in the directory):
        whom the staff desk writes to when there is no staff channel."""
        with self._db.session() as session:
            listed = set(session.scalars(select(Member.slack_user_id).where(Member.role == Role.STAFF)))
        return set(self._configured) | self._group() | listed

    def check(self, user_id: str, action: str) -> bool:
        """True when allowed; otherwise log the attempt (who, what) and return False."""
        if self.is_staff(user_id):
            return True
        log.warning("staff-only action refused: user=%s action=%s", user_id, action)
        return False
