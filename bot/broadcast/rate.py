"""A token bucket that paces the delivery worker below Slack's chat.postMessage limit, and that
Slack itself can pause: a 429's Retry-After stops every send of this process until it has passed."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

_EPSILON = 1e-9
"""A token that float arithmetic leaves a hair short of whole still counts, or the wait for the
missing hair would be too small to move the clock."""


class TokenBucket:
    def __init__(
        self,
        per_second: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_second <= 0 or burst < 1:
            raise ValueError("a token bucket needs a positive rate and a burst of at least 1")
        self.per_second = per_second
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(burst)
        self._updated = clock()
        self._paused_until = 0.0
        self._lock = threading.Lock()

    def _wait_needed(self) -> float:
        now = self._clock()
        if now < self._paused_until:
            return self._paused_until - now
        self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.per_second)
        self._updated = now
        if self._tokens >= 1 - _EPSILON:
            self._tokens = max(0.0, self._tokens - 1)
            return 0.0
        return (1 - self._tokens) / self.per_second

    def acquire(self) -> float:
        """Block until a send may go out; return how long that took."""
        waited = 0.0
        while True:
            with self._lock:
                wait = self._wait_needed()
            if wait <= 0:
                return waited
            self._sleep(wait)
            waited += wait

    def pause(self, seconds: float) -> None:
        """No token for ``seconds`` (Slack's Retry-After); the bucket restarts empty afterwards,
        so the first sends after a 429 do not burst straight into the next one."""
        with self._lock:
            until = self._clock() + seconds
            if until > self._paused_until:
                self._paused_until = until
                self._tokens = 0.0
                self._updated = until


class ChannelSpacing:
    """Slack's other chat.postMessage limit: about one message per second per channel. A broadcast
    gives each recipient one message, but two broadcasts going out together can reach the same
    DM; this keeps such sends of this process ``seconds`` apart."""

    def __init__(
        self,
        seconds: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.seconds = seconds
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> float:
        """Block until ``channel`` may get a message; return how long that took."""
        with self._lock:
            now = self._clock()
            self._last = {c: at for c, at in self._last.items() if now - at < self.seconds}
            wait = max(0.0, self._last.get(channel, now - self.seconds) + self.seconds - now)
            self._last[channel] = now + wait
        if wait:
            self._sleep(wait)
        return wait
