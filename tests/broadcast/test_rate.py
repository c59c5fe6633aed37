"""The pacing, on a clock the test moves: the bucket's rate and burst, a 429's pause, and the
second between two messages to one DM."""
from __future__ import annotations

from bot.broadcast.rate import ChannelSpacing, TokenBucket


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        """A wait too small for the float clock to register leaves ``now`` unchanged, and a
        bucket that keeps asking for it spins for ever (a run of these tests once hung until
        its timeout killed it); such a sleep fails the test at once instead."""
        assert self.now + seconds > self.now, f"sleep({seconds!r}) cannot move the clock from {self.now!r}"
        self.slept.append(seconds)
        self.now += seconds


def test_the_bucket_allows_its_burst_then_its_rate() -> None:
    t = FakeTime()
    bucket = TokenBucket(per_second=4, burst=3, clock=t.clock, sleep=t.sleep)
    assert [bucket.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    start = t.now
    for _ in range(8):
        bucket.acquire()
    assert t.now - start == 2.0, "eight more at four per second take two seconds"


def test_retry_after_pauses_every_send_and_restarts_empty() -> None:
    t = FakeTime()
    bucket = TokenBucket(per_second=10, burst=5, clock=t.clock, sleep=t.sleep)
    bucket.pause(2.0)
    bucket.pause(0.5)
    assert bucket.acquire() == 2.1, "the longer pause wins, then the empty bucket needs one token's time"
    assert bucket.acquire() == 0.1


def test_one_dm_gets_at_most_a_message_a_second() -> None:
    t = FakeTime()
    spacing = ChannelSpacing(1.0, clock=t.clock, sleep=t.sleep)
    assert spacing.wait("D1") == 0.0 and spacing.wait("D2") == 0.0
    t.now += 0.25
    assert spacing.wait("D1") == 0.75
    t.now += 5
    assert spacing.wait("D1") == 0.0
