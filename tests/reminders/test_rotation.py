"""Host rotation: nobody hosts twice before everyone has hosted once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.reminders.rotation import Candidate, propose_host

START = datetime(2027, 1, 1, tzinfo=timezone.utc)


def _members(*names: str) -> list[Candidate]:
    return [Candidate(i + 1, START + timedelta(minutes=i), name) for i, name in enumerate(names)]


def test_everyone_hosts_once_before_anyone_hosts_twice() -> None:
    members = _members("Anna", "Bo", "Cai", "Dorte")
    hosted: list[tuple[int, datetime]] = []
    for quarter in range(12):
        host = propose_host(members, hosted)
        hosted.append((host, START + timedelta(days=91 * (quarter + 1))))
        counts = [sum(1 for h, _ in hosted if h == m.member_id) for m in members]
        assert max(counts) - min(counts) <= 1, f"after {quarter + 1} meetings: {counts}"
    assert [h for h, _ in hosted[:4]] == [1, 2, 3, 4]
    assert [h for h, _ in hosted[4:8]] == [1, 2, 3, 4], "the second round keeps the first round's order"


def test_a_late_joiner_is_next_and_an_override_counts_as_a_turn() -> None:
    members = _members("Anna", "Bo", "Cai")
    hosted = [(1, START + timedelta(days=90)), (2, START + timedelta(days=180))]
    assert propose_host(members, hosted) == 3
    hosted.append((1, START + timedelta(days=270)))  # staff chose Anna out of turn
    assert propose_host(members, hosted) == 3, "Cai has still not hosted"
    hosted.append((3, START + timedelta(days=360)))
    late = Candidate(4, START + timedelta(days=300), "Esben")
    assert propose_host([*members, late], hosted) == 4
    assert propose_host([*members, late], [*hosted, (4, START + timedelta(days=450))]) == 2, "Bo hosted longest ago"


def test_hosts_who_left_do_not_count_and_an_empty_network_has_no_host() -> None:
    members = _members("Anna", "Bo")
    assert propose_host(members, [(99, START), (99, START), (1, START)]) == 2
    assert propose_host([], []) is None
