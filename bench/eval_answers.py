"""Answer quality and speed on a question set (default: ../shared/eval/questions-dev.txt).

Quality goes through the evaluation contract itself, `borgmesterbot ask --json`, so what is
measured is what the judge runs. Speed is measured twice: per question in-process (median and
99th percentile), and as the wall time of one `ask --json` over the whole set, start-up included.

    python bench/eval_answers.py [QUESTIONS] [--misses]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot import PROJECT_ROOT
from bot.answers import Answerer
from bot.catalogue.loader import load_catalogue

DEFAULT_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "questions-dev.txt"
ASK = [sys.executable, "-m", "bot", "ask", "--json"]
TIMING_ROUNDS = 20


@dataclass(frozen=True)
class Case:
    expected: frozenset[str]  # empty: out of scope, the bot must abstain
    question: str


def read_cases(path: Path) -> list[Case]:
    """Lines 'id[,id...] | question' ('-' for out of scope); '#' starts a comment."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected, _, question = line.partition("|")
        ids = frozenset(i.strip() for i in expected.split(",") if i.strip() and i.strip() != "-")
        cases.append(Case(ids, question.strip()))
    return cases


def run_ask(questions: list[str]) -> tuple[list[dict], float]:
    started = time.perf_counter()
    done = subprocess.run(
        ASK, input="\n".join(questions) + "\n", capture_output=True, text=True, encoding="utf-8",
        cwd=PROJECT_ROOT, check=True,
    )
    elapsed = time.perf_counter() - started
    return [json.loads(line) for line in done.stdout.splitlines()], elapsed


def score(cases: list[Case], results: list[dict], show_misses: bool) -> None:
    in_scope = [(c, r) for c, r in zip(cases, results) if c.expected]
    out_scope = [(c, r) for c, r in zip(cases, results) if not c.expected]
    top1 = sum(1 for c, r in in_scope if r["offers"][:1] and r["offers"][0] in c.expected)
    top3 = sum(1 for c, r in in_scope if set(r["offers"][:3]) & c.expected)
    false_abstentions = sum(1 for _, r in in_scope if r["abstained"])
    correct_abstentions = sum(1 for _, r in out_scope if r["abstained"])
    overall = (top1 + correct_abstentions) / len(cases)
    print(f"questions            {len(cases)} ({len(in_scope)} in scope, {len(out_scope)} out of scope)")
    print(f"top-1                {top1}/{len(in_scope)} = {top1 / max(len(in_scope), 1):.1%}")
    print(f"top-3                {top3}/{len(in_scope)} = {top3 / max(len(in_scope), 1):.1%}")
    print(f"correct abstentions  {correct_abstentions}/{len(out_scope)}")
    print(f"false abstentions    {false_abstentions}/{len(in_scope)}")
    print(f"overall              {overall:.1%}")
    if show_misses:
        for case, result in zip(cases, results):
            right = result["abstained"] if not case.expected else (result["offers"][:1] and result["offers"][0] in case.expected)
            if not right:
                wanted = ",".join(sorted(case.expected)) or "-"
                got = ",".join(result["offers"][:3]) or "-"
                print(f"  MISS want {wanted:<24} got {got:<50} [{result['intent']}] {case.question}")


def timing(questions: list[str]) -> None:
    answerer = Answerer(load_catalogue(PROJECT_ROOT / "offers.yaml"))
    per_question = []
    for _ in range(TIMING_ROUNDS):
        for question in questions:
            started = time.perf_counter()
            answerer.answer(question)
            per_question.append(time.perf_counter() - started)
    per_question.sort()
    p99 = per_question[int(len(per_question) * 0.99) - 1]
    print(f"in-process           median {statistics.median(per_question) * 1000:.2f} ms, "
          f"p99 {p99 * 1000:.2f} ms per question ({len(per_question)} answers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", nargs="?", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--misses", action="store_true", help="list every question answered wrongly")
    args = parser.parse_args()
    if not args.questions.exists():
        sys.exit(f"Spørgsmålssættet findes ikke: {args.questions}")
    cases = read_cases(args.questions)
    questions = [c.question for c in cases]
    results, wall = run_ask(questions)
    _, startup = run_ask([])
    score(cases, results, args.misses)
    timing(questions)
    print(f"ask --json wall time {wall:.2f} s for {len(cases)} questions "
          f"({wall / len(cases) * 1000:.1f} ms/question incl. start-up); start-up alone {startup:.2f} s")


if __name__ == "__main__":
    main()
