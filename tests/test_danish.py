"""Danish in every text: the counted nouns of bot/danish.py agree with the number (1 is the only
singular), and no English word stands in a Danish sentence anywhere in the bot."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot
from bot.danish import age_text, count


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 pladser"), (1, "1 plads"), (2, "2 pladser"), (11, "11 pladser"), (21, "21 pladser"), (-1, "-1 pladser")],
)
def test_only_one_is_singular(number: int, expected: str) -> None:
    assert count(number, "plads", "pladser") == expected


@pytest.mark.parametrize(
    ("days", "hours", "expected"),
    [(1, 5, "1 dag"), (3, 0, "3 dage"), (0, 1, "1 time"), (0, 7, "7 timer"), (0, 0, "under en time")],
)
def test_age_takes_the_largest_whole_unit(days: int, hours: int, expected: str) -> None:
    assert age_text(days, hours) == expected


# -- no English words in Danish texts ----------------------------------------------------------
#
# Every string literal in bot/ that reads as Danish (a Danish little word or æ, ø, å in it) is
# searched for English words a first day found or might ("Staff laver …", "request", "deadline").
# Docstrings and log lines are for developers and left out, as are the database's own names
# (bot/storage) and what the bot reads rather than writes: patterns (re.compile(...)) and word
# lists (lines of bare words, no punctuation). Names that are not words stay: commands (`borgmesterbot members reject`), file
# names, settings (STAFF_CHANNEL_ID) and Slack's own labels.

BOT = Path(bot.__file__).parent
ENGLISH = re.compile(
    r"(?<![\w-])(staff|request|requests|feedback|deadline|deadlines|workshop|workshops|meeting|meetings|session|sessions|"
    r"waitlist|approve|approved|reject|rejected|user|users|admin|please|update|updated|cancel|cancelled|booking|"
    r"event|events|submit|roster|broadcast|broadcasts|follow-up|item|items|queue|desk|signup|sign-up|enrol|"
    r"enrolment|seat|seats|welcome|thanks|answer|question|questions)(?![\w-])",
    re.IGNORECASE,
)
DANISH = re.compile(r"(?<!\w)(og|er|til|du|dig|din|det|ikke|af|på|en|et|med|kan|har|der|som|jeg|vi|fra|eller|skal)(?!\w)|[æøå]", re.IGNORECASE)
NOT_WORDS = re.compile(
    r"`[^`]*`|borgmesterbot( [a-z-]+)+|[\w.-]+\.(yaml|csv|ics|py)\b|\b[A-Z][A-Z_]{3,}\b|/[\w/-]+|"
    r"Bot User OAuth Token|OAuth & Permissions"
)
NOT_WRITTEN = {"log", "logger", "logging", "re"}
WORD_LIST = re.compile(r"[^\W\d_]+(\s+[^\W\d_]+)*\s*", re.DOTALL)


def _not_written(tree: ast.AST) -> set[int]:
    """The ids of the docstrings, attribute docs and everything inside a log call or a pattern."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            skipped.add(id(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            if node.func.value.id in NOT_WRITTEN:
                skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def _texts(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _not_written(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)
            yield node.lineno, "".join(p.value if isinstance(p, ast.Constant) else " {} " for p in node.values)  # type: ignore[misc]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not ("\n" in node.value.strip() and WORD_LIST.fullmatch(node.value.strip())):
                yield node.lineno, node.value


def english_in_danish(text: str) -> list[str]:
    words = NOT_WORDS.sub(" ", text)
    if not DANISH.search(words):
        return []
    return sorted({m.group(1) for m in ENGLISH.finditer(words)})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Staff laver en plan for dig.", ["Staff"]),
        ("Din request er sendt til KL.", ["request"]),
        ("Fristen (deadline) er 7.1.", ["deadline"]),
        ("Tak for din feedback!", ["feedback"]),
        ("Afvis med borgmesterbot members reject U0NORA.", []),
        ("Sæt STAFF_CHANNEL_ID i .env", []),
        ("Please contact KL.", []),
        ("Tilmeldte eller på venteliste til en dato", []),
        ("Vælg tilbud eller session", ["session"]),
    ],
)
def test_the_check_finds_english_words_in_danish_sentences(text: str, found: list[str]) -> None:
    assert english_in_danish(text) == found


def test_no_english_words_in_the_bots_danish_texts() -> None:
    found = [
        f"{path.relative_to(BOT.parent)}:{line}: {words} i {text.strip()[:90]!r}"
        for path in sorted(BOT.rglob("*.py"))
        if "storage" not in path.relative_to(BOT).parts
        for line, text in _texts(path)
        if (words := english_in_danish(text))
    ]
    assert found == [], "\n".join(found)


# -- a number before a noun goes through count() -------------------------------------------------
#
# "{n} pladser" reads "1 pladser" when n is 1. Every f-string in bot/ that puts a value straight
# before a Danish plural noun is listed, except values that are never a number.

PLURALS = re.compile(
    r"^ (?:\w+ )?(pladser|dage|timer|datoer|medlemmer|rækker|beskeder|borgmestre|måneder|uger|minutter|personer|sager|"
    r"tabeller|gange|grupper|modtagere|kommuner|sekunder|linjer|tilmeldte)\b"
)
NOT_NUMBERS = {
    ("bot/catalogue/loader.py", "limit"),  # already written out with a thousands separator, always over 1.000
    ("bot/enrolment/service.py", "offer.title"),
}


def _number_before_plural(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            for value, after in zip(node.values, node.values[1:]):
                if isinstance(value, ast.FormattedValue) and isinstance(after, ast.Constant) and PLURALS.match(str(after.value)):
                    yield node.lineno, ast.unparse(value.value)


def test_counted_nouns_agree_with_their_number_everywhere() -> None:
    found = [
        f"{where}:{line}: {{{expression}}}"
        for path in sorted(BOT.rglob("*.py"))
        for line, expression in _number_before_plural(path)
        if ((where := str(path.relative_to(BOT.parent))), expression) not in NOT_NUMBERS
    ]
    assert found == [], "brug bot.danish.count:\n" + "\n".join(found)


def test_the_plural_check_finds_a_bare_number_before_a_plural(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('n = 1\ntext = f"{n} pladser tilbage"\nok = f"{count(n, \'plads\', \'pladser\')} tilbage"\n', encoding="utf-8")
    assert list(_number_before_plural(sample)) == [(2, "n")]
