"""The bundled catalogue and one Answerer over it, shared by the answering tests."""
from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.catalogue.loader import load_catalogue
from bot.catalogue.model import Catalogue
from tests.conftest import OFFERS_PATH


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(OFFERS_PATH)


@pytest.fixture(scope="session")
def answerer(catalogue: Catalogue) -> Answerer:
    return Answerer(catalogue)
