"""Answer quality and speed on question sets and conversation sets.

Quality goes through the evaluation contract itself, `borgmesterbot ask --json` (and
`ask --json --conversation` for conversations, one process per conversation), so what is measured
is what the judge runs. Speed is measured twice: per question in-process (median and 99th
percentile), and as the wall time of one `ask --json` over the whole set, start-up included.

    python bench/eval_answers.py [SET ...] [--misses]

A set whose lines are separated into blocks by blank lines and holds `> ` follow-up lines is a
conversation set; anything else is a question set. The format (../blind/FORMAT.md):
`EXPECTED | text`, EXPECTED one or more offer ids (any may come first), `!ids` for a message
describing a threat (the answer must carry the hotline and 112), `-` plainly out of scope (the bot
must decline), `~` near-domain out of scope (the bot must decline and name no offer).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot import PROJECT_ROOT
from bot.answers import Answerer
from bot.answers.conversation import Topic
from bot.catalogue.loader import load_catalogue
from bot.resources import packaged_path

DEFAULT_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "questions-dev.txt"
ASK = [sys.executable, "-m", "bot", "ask", "--json"]
TIMING_ROUNDS = 20
HOTLINE_MARK = "hotline"
EMERGENCY_MARK = "112"


@dataclass(frozen=True)
class Case:
    expected: frozenset[str]  # empty: out of scope, the bot must abstain
    question: str
    threat: bool = False
    near: bool = False  # near-domain out of scope: no offer may be named
    follow_up: bool = False


def parse_line(line: str) -> Case | None:
    """One `[> ]EXPECTED | text` line, or None for comments and blank lines."""
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    follow_up = line.startswith(">")
    expected, _, question = line.removeprefix(">").partition("|")
    expected = expected.strip()
    threat = expected.startswith("!")
    expected = expected.removeprefix("!")
    near = expected == "~"
    ids = frozenset(i.strip() for i in expected.split(",") if i.strip() and i.strip() not in ("-", "~"))
    return Case(ids, question.strip(), threat, near, follow_up)


def read_cases(path: Path) -> list[Case]:
    return [case for line in path.read_text(encoding="utf-8").splitlines() if (case := parse_line(line))]


def read_conversations(path: Path) -> list[list[Case]]:
    """Conversations are blocks of lines separated by blank lines."""
    conversations: list[list[Case]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if conversations[-1]:
                conversations.append([])
            continue
        case = parse_line(line)
        if case:
            conversations[-1].append(case)
    return [c for c in conversations if c]


def is_conversation_set(path: Path) -> bool:
    lines = path.read_text(encoding="utf-8").splitlines()
    return any(line.startswith(">") for line in lines)


def run_ask(questions: list[str], conversation: bool = False) -> tuple[list[dict], float]:
    started = time.perf_counter()
    done = subprocess.run(
        ASK + (["--conversation"] if conversation else []), input="\n".join(questions) + "\n",
        capture_output=True, text=True, encoding="utf-8", cwd=PROJECT_ROOT, check=True,
    )
    elapsed = time.perf_counter() - started
    return [json.loads(line) for line in done.stdout.splitlines()], elapsed


def _top1(case: Case, result: dict) -> bool:
    return bool(result["offers"]) and result["offers"][0] in case.expected


def _warned(result: dict) -> bool:
    text = result["text"].casefold()
    return HOTLINE_MARK in text and EMERGENCY_MARK in text


def right(case: Case, result: dict) -> bool:
    """What the judge counts as right: the first offer, a declined out-of-scope question, and for a
    threat the hotline and 112 as well."""
    answered = _top1(case, result) if case.expected else result["abstained"] and not result["offers"]
    return answered and (_warned(result) or not case.threat)


def _ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.1%}" if total else "0/0"


def score(cases: Sequence[Case], results: Sequence[dict], show_misses: bool) -> None:
    pairs = list(zip(cases, results))
    in_scope = [(c, r) for c, r in pairs if c.expected]
    out_scope = [(c, r) for c, r in pairs if not c.expected]
    near = [(c, r) for c, r in pairs if c.near]
    threats = [(c, r) for c, r in pairs if c.threat]
    top1 = sum(1 for c, r in in_scope if _top1(c, r))
    top3 = sum(1 for c, r in in_scope if set(r["offers"][:3]) & c.expected)
    correct_abstentions = sum(1 for _, r in out_scope if r["abstained"] and not r["offers"])
    print(f"lines                {len(pairs)} ({len(in_scope)} in scope, {len(out_scope)} out of scope "
          f"of which {len(near)} near-domain, {len(threats)} threats)")
    print(f"top-1                {_ratio(top1, len(in_scope))}")
    print(f"top-3                {_ratio(top3, len(in_scope))}")
    print(f"correct abstentions  {_ratio(correct_abstentions, len(out_scope))}")
    print(f"false abstentions    {sum(1 for _, r in in_scope if r['abstained'])}/{len(in_scope)}")
    print(f"clarifications       {sum(1 for _, r in pairs if r.get('clarify'))} "
          f"(right offer among them: {sum(1 for c, r in in_scope if r.get('clarify') and set(r['offers']) & c.expected)})")
    print(f"threat recall        {_ratio(sum(1 for _, r in threats if _warned(r)), len(threats))}")
    print(f"threat false alarms  {sum(1 for c, r in pairs if not c.threat and _warned(r))}/{len(pairs) - len(threats)}")
    print(f"near-domain offers   {sum(1 for _, r in near if r['offers'])}/{len(near)} (must be 0)")
    follow = [(c, r) for c, r in pairs if c.follow_up]
    if follow:
        print(f"follow-up accuracy   {_ratio(sum(1 for c, r in follow if right(c, r)), len(follow))}")
    print(f"overall              {_ratio(sum(1 for c, r in pairs if right(c, r)), len(pairs))}")
    if show_misses:
        for case, result in pairs:
            if not right(case, result):
                wanted = ("!" if case.threat else "") + (",".join(sorted(case.expected)) or ("~" if case.near else "-"))
                got = ",".join(result["offers"][:3]) or "-"
                flags = "".join(f for f, on in (("C", result.get("clarify")), ("H", _warned(result))) if on)
                print(f"  MISS want {wanted:<26} got {got:<44} [{result['intent']}{' ' + flags if flags else ''}] "
                      f"{'> ' if case.follow_up else ''}{case.question}")


def _percentiles(samples: list[float]) -> str:
    samples.sort()
    p99 = samples[max(int(len(samples) * 0.99) - 1, 0)]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms per question ({len(samples)} answers)"


def timing(conversations: Sequence[Sequence[Case]]) -> None:
    """In-process, one Answerer, each conversation's lines in order with the topic carried on.
    Wall time and the process's CPU time: on a shared machine the wall p99 is mostly waiting for
    a core, which the CPU time leaves out."""
    answerer = Answerer(load_catalogue(packaged_path("offers.yaml")))
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(TIMING_ROUNDS):
        for conversation in conversations:
            topic: Topic | None = None
            for case in conversation:
                started, started_cpu = time.perf_counter(), time.process_time()
                answer = answerer.answer(case.question, topic)
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
                topic = answer.topic or topic
    print(f"in-process wall      {_percentiles(wall)}")
    print(f"in-process CPU       {_percentiles(cpu)}")


def evaluate(path: Path, show_misses: bool) -> None:
    print(f"== {path}")
    if is_conversation_set(path):
        conversations = read_conversations(path)
        cases = [case for conversation in conversations for case in conversation]
        results: list[dict] = []
        wall = 0.0
        for conversation in conversations:
            answered, elapsed = run_ask([c.question for c in conversation], conversation=True)
            results += answered
            wall += elapsed
        print(f"conversations        {len(conversations)}")
        score(cases, results, show_misses)
        timing(conversations)
        print(f"ask --json --conversation wall time {wall:.2f} s for {len(conversations)} conversations")
        return
    cases = read_cases(path)
    results, wall = run_ask([c.question for c in cases])
    _, startup = run_ask([])
    score(cases, results, show_misses)
    timing([[case] for case in cases])
    print(f"ask --json wall time {wall:.2f} s for {len(cases)} questions "
          f"({wall / len(cases) * 1000:.1f} ms/question incl. start-up); start-up alone {startup:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", type=Path, default=[DEFAULT_QUESTIONS])
    parser.add_argument("--misses", action="store_true", help="list every line answered wrongly")
    args = parser.parse_args()
    for path in args.sets:
        if not path.exists():
            sys.exit(f"Sættet findes ikke: {path}")
    for path in args.sets:
        evaluate(path, args.misses)


if __name__ == "__main__":
    main()
