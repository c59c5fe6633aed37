"""Accuracy on question sets, as a guard: the shared development set (>= 95%) and our own
differently worded questions (>= 90%), so tuning to the one set cannot go unnoticed."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_answers import Case, read_cases
from bot.answers import Answerer
from tests.conftest import SHARED

OWN_QUESTIONS = Path(__file__).with_name("questions_own.txt")
DEV_QUESTIONS = SHARED / "eval" / "questions-dev.txt"


def overall(answerer: Answerer, cases: list[Case]) -> tuple[float, list[str]]:
    misses = []
    for case in cases:
        answer = answerer.answer(case.question)
        right = answer.abstained if not case.expected else bool(answer.offers) and answer.offers[0].id in case.expected
        if not right:
            misses.append(f"{case.question!r}: {[o.id for o in answer.offers[:3]] or 'abstained'}")
    return 1 - len(misses) / len(cases), misses


def test_own_questions(answerer: Answerer) -> None:
    cases = read_cases(OWN_QUESTIONS)
    assert len(cases) >= 150 and sum(1 for c in cases if not c.expected) >= 25
    score, misses = overall(answerer, cases)
    assert score >= 0.90, misses


def test_shared_development_questions(answerer: Answerer) -> None:
    if not DEV_QUESTIONS.exists():
        pytest.skip(f"{DEV_QUESTIONS} findes ikke (../shared er ikke med)")
    score, misses = overall(answerer, read_cases(DEV_QUESTIONS))
    assert score >= 0.95, misses


def test_our_out_of_scope_questions_are_almost_never_given_an_offer(answerer: Answerer) -> None:
    """The strict half of "never a wrong offer": no abstention is traded for a confident guess."""
    wrong = [c.question for c in read_cases(OWN_QUESTIONS) if not c.expected and not answerer.answer(c.question).abstained]
    assert len(wrong) <= 2, wrong
