"""The blind sets (written from the seeds by people who had not seen the code), kept as
regression sets once their pre-tuning score was recorded (../blind/SCORES.md): the threat net
must not miss, near-domain questions must almost never name an offer, and follow-ups must stay
with their conversation. The thresholds sit a little under today's figures, so a change that
only fits one set elsewhere shows here."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_answers import Case, read_cases, read_conversations, right
from bot.answers import Answer, Answerer
from bot.answers.conversation import Topic

BLIND = Path(__file__).with_name("blind")


def _result(answer: Answer) -> dict:
    return {"offers": [o.id for o in answer.offers], "abstained": answer.abstained, "text": answer.text}


def _warned(answer: Answer) -> bool:
    return "hotline" in answer.text.casefold() and "112" in answer.text


@pytest.mark.parametrize("name", ["setA.txt", "setB.txt", "setC.txt"])
def test_blind_questions(answerer: Answerer, name: str) -> None:
    cases = read_cases(BLIND / name)
    answers = [answerer.answer(c.question) for c in cases]
    threats = [(c, a) for c, a in zip(cases, answers) if c.threat]
    missed = [c.question for c, a in threats if not _warned(a)]
    assert len(threats) >= 25 and not missed, missed
    near = [c.question for c, a in zip(cases, answers) if c.near and a.offers]
    assert len(near) <= 4, near
    wrong = [f"{c.question!r}: {[o.id for o in a.offers[:3]]}" for c, a in zip(cases, answers) if not right(c, _result(a))]
    assert 1 - len(wrong) / len(cases) >= 0.93, wrong


@pytest.mark.parametrize("name", ["convA.txt", "convB.txt", "convC.txt"])
def test_blind_conversations(answerer: Answerer, name: str) -> None:
    follow_ups: list[tuple[Case, Answer]] = []
    for conversation in read_conversations(BLIND / name):
        topic: Topic | None = None
        for case in conversation:
            answer = answerer.answer(case.question, topic)
            topic = answer.topic or topic
            if case.follow_up:
                follow_ups.append((case, answer))
    wrong = [c.question for c, a in follow_ups if not right(c, _result(a))]
    assert len(follow_ups) >= 35 and 1 - len(wrong) / len(follow_ups) >= 0.85, wrong
