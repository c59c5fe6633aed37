"""`borgmesterbot ask`: the answering core from the shell, for people and for evaluation.

`ask --json` is the evaluation contract: one question per line on standard input, one JSON
object per line out. It reads the catalogue in use (the newest version in the database, or the
seed offers.yaml when there is none) and builds the index; nothing is created or migrated and
Slack is never loaded, so it starts fast enough to be run per question.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from typing import TextIO

from bot.answers import Answer, Answerer
from bot.answers.conversation import Topic
from bot.catalogue.reading import read_in_use
from bot.config import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ask", help="besvar et spørgsmål om tilbuddene (uden Slack)")
    parser.add_argument("question", nargs="*", metavar="SPØRGSMÅL", help="spørgsmålet, fx \"Hvad er B98?\"")
    parser.add_argument(
        "--json", action="store_true", help="læs ét spørgsmål pr. linje fra standard input og skriv ét JSON-objekt pr. linje"
    )
    parser.add_argument(
        "--conversation", action="store_true",
        help="med --json: linjerne er én samtale i rækkefølge, så opfølgende spørgsmål (\"hvad koster det?\") forstås",
    )
    parser.set_defaults(handler=_ask)


def as_json(answer: Answer) -> str:
    """The evaluation contract's line: keep these keys and their meaning stable."""
    return json.dumps(
        {
            "question": answer.question,
            "abstained": answer.abstained,
            "offers": [offer.id for offer in answer.offers],
            "intent": str(answer.intent),
            "text": answer.text,
            "clarify": answer.clarify,
        },
        ensure_ascii=False,
    )


def answer_lines(answerer: Answerer, lines: TextIO, out: TextIO, conversation: bool = False) -> None:
    """One JSON line per input line; in a conversation each answer may refer to the topic the
    previous ones were about."""
    topic: Topic | None = None
    for line in lines:
        answer = answerer.answer(line.rstrip("\r\n"), topic if conversation else None)
        topic = answer.topic or topic
        out.write(as_json(answer) + "\n")
        out.flush()


def _ask(args: argparse.Namespace) -> int:
    if not args.json and not args.question:
        print('Skriv et spørgsmål, fx: borgmesterbot ask "Hvad er mentorordningen?" (eller brug --json).', file=sys.stderr)
        return 2
    settings = load_settings()
    answerer = Answerer(read_in_use(settings.offers_path, settings.database_url))
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=False)
    if args.json:
        answer_lines(answerer, io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace"), out, args.conversation)
    else:
        out.write(answerer.answer(" ".join(args.question)).text + "\n")
    out.flush()
    out.detach()
    return 0
