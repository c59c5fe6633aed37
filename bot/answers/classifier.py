"""A learned second opinion: which offer, situation (a threat), or kind of out-of-scope question
a message resembles, from the training paraphrases shipped with the package (paraphrases.txt,
written for this project from the seeds; a training set, not an evaluation set), and from
near_domain.txt: about 400 messages that sound like municipal politics (laws and their sections,
pay and terms, ministers, minutes, one municipality's figures, other organisations' events) but
that no offer answers, written for this project by a helper who saw neither the code nor any
evaluation set. With only a hundred such lines beside thirty per offer, one word an offer uses
("kommunaldirektør", "økonomiforhandling") outweighed a question's real subject.

Multinomial naive Bayes over the folded words' stems and their character 3- to 5-grams, so
inflections, compounds, typos and spellings without æøå meet the examples they resemble. Every
label has the same prior: the file holds far more threat and out-of-scope lines than lines per
offer, and that must not tilt a question towards them. Training takes a second or two, too slow
for `ask`'s start-up, so the trained tables ship beside the examples (classifier.npz, with the
examples' digest); `python -m bot.answers.classifier` rebuilds them, and a stale file is noticed
(and the model trained on the spot) rather than used. It answers in well under a millisecond.

Like the concept vocabularies it decides recognition only; the answer's facts come from the
catalogue and the database.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from bot.answers import stopwords
from bot.answers.normalise import tokens
from bot.answers.stemming import stem_da

log = logging.getLogger(__name__)
EXAMPLES = Path(__file__).with_name("paraphrases.txt")
# Files of plain messages (one a line, '#' a comment) that all carry one label.
LABELLED = {"oos-near": Path(__file__).with_name("near_domain.txt")}
MODEL = Path(__file__).with_name("classifier.npz")
THREAT = "threat"
NEAR = "oos-near"
OUT = "oos"
SMALLTALK = "smalltalk"
NOT_OFFERS = frozenset({THREAT, NEAR, OUT, SMALLTALK})
_SMOOTHING = 0.1
_GRAMS = (3, 4, 5)
_VOCAB = "vocab:"
# Naive Bayes counts every n-gram of a word as independent evidence, so its probabilities come
# out near 0 or 1 whatever the truth. Dividing the log-scores by this makes them mean something:
# on the blind sets A and B, its top label is right 97 % of the time when it says 0.9 or more.
TEMPERATURE = 10.0


def features(text: str) -> list[str]:
    """Stems of the content words, and the character n-grams of each word with its edges marked."""
    found: list[str] = []
    for word in tokens(text):
        if word in stopwords.ALL:
            continue
        found.append("w:" + stem_da(word))
        marked = f"<{word}>"
        for n in _GRAMS:
            found.extend(marked[i : i + n] for i in range(len(marked) - n + 1))
    return found


def read_labelled(label: str, path: Path) -> list[tuple[str, str]]:
    """(label, line) for every message of a one-label file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(label, line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def training_examples(path: Path = EXAMPLES, labelled: dict[str, Path] = LABELLED) -> list[tuple[str, str]]:
    """Everything the model learns from: the paraphrases and the one-label files."""
    return read_examples(path) + [pair for label, file in labelled.items() for pair in read_labelled(label, file)]


def read_examples(path: Path = EXAMPLES) -> list[tuple[str, str]]:
    """(label, text) pairs; a `vocab:LABEL | a, b, c` line gives one example per phrase."""
    examples: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "|" not in line:
            continue
        label, _, text = (part.strip() for part in line.partition("|"))
        if label.startswith(_VOCAB):
            examples += [(label.removeprefix(_VOCAB), phrase.strip()) for phrase in text.split(",") if phrase.strip()]
        elif label and text:
            examples.append((label, text))
    return examples


@dataclass(frozen=True)
class Guess:
    """The labels by probability, best first (probabilities under the model; they sum to 1)."""

    ranked: tuple[tuple[str, float], ...]
    # How many of the message's words the examples use: n-grams alone ("asdf") are no evidence.
    known_words: int = 0

    def probability(self, label: str) -> float:
        return next((p for name, p in self.ranked if name == label), 0.0)

    def offers(self) -> list[tuple[str, float]]:
        return [(name, p) for name, p in self.ranked if name not in NOT_OFFERS]


class Classifier:
    def __init__(self, labels: tuple[str, ...], vocabulary: list[str], log: np.ndarray) -> None:
        self.labels = labels
        self._index = {f: i for i, f in enumerate(vocabulary)}
        self._vocabulary = vocabulary
        self._log = log

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]]) -> "Classifier":
        counts: dict[str, Counter[str]] = {}
        for label, text in examples:
            counts.setdefault(label, Counter()).update(features(text))
        labels = tuple(sorted(counts))
        vocabulary = sorted({f for c in counts.values() for f in c})
        index = {f: i for i, f in enumerate(vocabulary)}
        table = np.full((len(vocabulary), len(labels)), _SMOOTHING, dtype=np.float64)
        for column, label in enumerate(labels):
            for feature, n in counts[label].items():
                table[index[feature], column] += n
        return cls(labels, vocabulary, np.log(table / table.sum(axis=0, keepdims=True)).astype(np.float32))

    def save(self, path: Path, digest: str) -> None:
        np.savez_compressed(
            path, log=self._log, labels="\n".join(self.labels), vocabulary="\n".join(self._vocabulary), digest=digest
        )

    @classmethod
    def load(cls, path: Path, digest: str) -> "Classifier | None":
        """The shipped tables, or None when they were built from other examples than these."""
        if not path.exists():
            return None
        with np.load(path) as data:
            if str(data["digest"]) != digest:
                return None
            return cls(tuple(str(data["labels"]).split("\n")), str(data["vocabulary"]).split("\n"), data["log"])

    def guess(self, text: str) -> Guess | None:
        """None when no feature of the text was ever seen (nothing to go on)."""
        found = [f for f in features(text) if f in self._index]
        if not found:
            return None
        rows = [self._index[f] for f in found]
        scores = self._log[rows].sum(axis=0, dtype=np.float64) / TEMPERATURE
        scores -= scores.max()
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum()
        order = np.argsort(-probabilities)
        ranked = tuple((self.labels[i], float(probabilities[i])) for i in order)
        return Guess(ranked, sum(1 for f in found if f.startswith("w:")))


def digest(path: Path = EXAMPLES, labelled: dict[str, Path] = LABELLED) -> str:
    """One digest over every training file and the label each one-label file gives."""
    hashed = hashlib.sha256(path.read_bytes())
    for label, file in sorted(labelled.items()):
        hashed.update(label.encode() + b"\0" + file.read_bytes())
    return hashed.hexdigest()


@cache
def load_classifier(examples: Path = EXAMPLES, model: Path = MODEL) -> Classifier:
    """The shipped model when it matches the examples; otherwise trained now, with a warning."""
    wanted = digest(examples)
    loaded = Classifier.load(model, wanted)
    if loaded is not None:
        return loaded
    log.warning("%s is missing or stale: training from %s (run python -m bot.answers.classifier)", model, examples)
    return Classifier.train(training_examples(examples))


def main() -> None:
    """Rebuild the shipped model from the examples."""
    Classifier.train(training_examples(EXAMPLES)).save(MODEL, digest(EXAMPLES))
    print(f"{MODEL} rebuilt from {EXAMPLES} and {', '.join(str(p) for p in LABELLED.values())}")


if __name__ == "__main__":
    main()
