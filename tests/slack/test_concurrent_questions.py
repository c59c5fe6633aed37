"""The answering core under concurrency, through the real app: many mayors asking at once right
after start all get answers (no apology from a stemmer or an index half built), and every stem
the bot cached on the way equals what a stemmer of its own, used by one thread, says."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import snowballstemmer

from bot.answers.normalise import tokens
from bot.answers.stemming import stem_da
from bot.catalogue.schema import Offer
from tests.slack.staffdesk_support import not_to_staff
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

ASKERS = 40
# Inflections the catalogue does not use, so their stems are computed (and cached) during the rush.
_SUFFIXES = ("erne", "ernes", "ende", "ethed", "elser", "ningen")


def _questions(offers: tuple[Offer, ...]) -> list[str]:
    words = sorted({w for o in offers for w in tokens(f"{o.title} {o.summary}") if len(w) >= 5})
    grown = [w + _SUFFIXES[i % len(_SUFFIXES)] for i, w in enumerate(words)]
    return [" ".join(grown[i::ASKERS]) + "?" for i in range(ASKERS)]


@pytest.fixture
def cold_stems() -> Iterator[None]:
    """The process-wide stem cache empty, as in a fresh process, and threads switched as often
    as the interpreter can, so a race that needs an unlucky switch gets thousands of chances."""
    stem_da.cache_clear()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.mark.usefixtures("cold_stems")
def test_many_first_questions_at_once_are_all_answered_and_stems_stay_right(
    slack_app: RunningSlackApp, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    questions = _questions(slack_app.services.catalogue.current.offers)
    users = [f"U0ASK{i:03d}" for i in range(ASKERS)]
    with ThreadPoolExecutor(max_workers=ASKERS) as pool:
        statuses = list(pool.map(lambda n: slack.direct_message(questions[n], user=users[n]).status, range(ASKERS)))
    assert statuses == [200] * ASKERS

    replies = fake_slack.wait_for("chat.postMessage", not_to_staff, count=ASKERS, timeout=30)
    assert sorted(r.args["channel"] for r in replies) == sorted("D" + u[1:] for u in users)
    assert [r.text for r in replies if "Beklager" in r.text] == []

    alone = snowballstemmer.stemmer("danish")
    asked = {w for q in questions for w in tokens(q)}
    assert stem_da.cache_info().currsize >= len(asked) // 2  # the rush did fill the cache
    wrong = {w: (stem_da(w), alone.stemWord(w)) for w in asked if stem_da(w) != alone.stemWord(w)}
    assert wrong == {}
