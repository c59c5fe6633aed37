"""The learned second opinion: the shipped model is the one its training files give, and every
training file counts (a file the digest left out would let a stale model ship unnoticed)."""
from __future__ import annotations

from pathlib import Path

from bot.answers import classifier
from bot.answers.classifier import NEAR, Classifier, digest, training_examples


def test_the_shipped_model_was_built_from_todays_training_files() -> None:
    assert Classifier.load(classifier.MODEL, digest()) is not None, "run python -m bot.answers.classifier"


def test_the_near_domain_messages_are_trained_as_near_domain() -> None:
    examples = training_examples()
    near = [text for label, text in examples if label == NEAR]
    assert len(near) >= 400
    assert "Hvad står der præcis i servicelovens § 83 om praktisk hjælp?" in near


def test_a_changed_one_label_file_changes_the_digest(tmp_path: Path) -> None:
    paraphrases = tmp_path / "paraphrases.txt"
    paraphrases.write_text("mentorordning | Kan jeg få en mentor?\n", encoding="utf-8")
    near = tmp_path / "near.txt"
    near.write_text("hvem er indenrigsminister?\n", encoding="utf-8")
    before = digest(paraphrases, {NEAR: near})
    near.write_text("hvem er indenrigsminister?\n# a comment\nsend mig referatet\n", encoding="utf-8")
    assert digest(paraphrases, {NEAR: near}) != before
    assert training_examples(paraphrases, {NEAR: near}) == [
        ("mentorordning", "Kan jeg få en mentor?"), (NEAR, "hvem er indenrigsminister?"), (NEAR, "send mig referatet"),
    ]
