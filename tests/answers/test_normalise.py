from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.answers.compounds import split_compound
from bot.answers.normalise import fold, tokens
from bot.answers.stemming import stem_da


@pytest.mark.parametrize(
    ("typed", "catalogue"),
    [
        ("modeledelse", "Mødeledelse"),
        ("moedeledelse", "mødeledelse"),
        ("kommunalokonomi", "Kommunaløkonomi"),
        ("kommunaloekonomi", "kommunaløkonomi"),
        ("haandtering", "håndtering"),
        ("handtering", "håndtering"),
        ("faellesskab", "Fællesskab"),
        ("dialogvaerktoj", "Dialogværktøj"),
        ("Aarhus", "Århus"),
    ],
)
def test_spellings_without_danish_letters_fold_to_the_catalogues_spelling(typed: str, catalogue: str) -> None:
    assert fold(typed) == fold(catalogue)


def test_folding_keeps_different_words_apart() -> None:
    assert fold("mødeledelse") != fold("medieledelse")
    assert fold("pension") != fold("pensum")


def test_tokens_are_folded_words_without_punctuation_or_single_characters() -> None:
    assert tokens("KL's 2-3 arrangementer om B98-møderne!") == ["kl", "arrangementer", "om", "b98", "moderne"]
    assert tokens("Makkerskab ml. borgmester") == ["makkerskab", "mellem", "borgmester"]
    assert tokens("") == []
    assert tokens("?!… –") == []


def test_folded_inflections_share_a_stem() -> None:
    assert stem_da(fold("borgmesternetværkene")) == stem_da(fold("borgmesternetvaerket"))
    assert stem_da(fold("temasessioner")) == stem_da(fold("temasession"))


def test_a_compound_splits_into_known_words_at_the_longest_head() -> None:
    heads = {"borgmester", "borg", "netvaerk", "mode"}
    known = {"netvaerket", "netvaerk", "moder", "lokale"}.__contains__
    assert split_compound("borgmesternetvaerket", heads, known) == ["borgmester", "netvaerket"]
    assert split_compound("netvaerksmoder", heads, known) == ["netvaerk", "moder"]
    assert split_compound("modelokale", heads, known) == ["mode", "lokale"]
    assert split_compound("julehilsen", heads, known) is None


def test_abbreviations_mayors_write_become_the_catalogues_words() -> None:
    assert tokens("hva er tlf nr til KL? spørger min bgm") == [
        "hva", "er", "telefon", "nummer", "til", "kl", "sporger", "min", "borgmester",
    ]
    assert tokens("bedre til fb og insta") == ["bedre", "til", "facebook", "og", "instagram"]


def test_a_secretary_asking_about_fb_and_insta_gets_the_social_media_session(answerer: Answerer) -> None:
    answer = answerer.answer("sekretær her, borgmesteren vil gerne blive bedre til fb og insta")
    assert [o.id for o in answer.offers][:1] == ["sociale-medier"]
