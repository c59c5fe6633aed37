"""Fixtures for the enrolment rules on real databases (both backends via ``database``)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.answers import Answerer
from bot.catalogue.store import CatalogueStore
from bot.enrolment.context import EnrolmentContext
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.notify import Postman
from bot.resources import packaged_path
from bot.staffdesk import AuditLog, StaffDesk
from bot.storage.db import Database
from tests.enrolment.support import START, Clock, Inbox


@pytest.fixture(scope="session")
def catalogue() -> CatalogueStore:
    return CatalogueStore(packaged_path("offers.yaml"))


@pytest.fixture
def clock() -> Clock:
    return Clock(START - timedelta(days=30))


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def context(database: Database, catalogue: CatalogueStore, clock: Clock, inbox: Inbox) -> EnrolmentContext:
    postman = Postman(inbox)
    return EnrolmentContext(database, catalogue, postman, StaffDesk(database, postman, AuditLog(database), clock), clock=clock)


@pytest.fixture
def enrolment(context: EnrolmentContext, catalogue: CatalogueStore) -> EnrolmentService:
    return EnrolmentService(context, Answerer(catalogue.current).match_offers)


@pytest.fixture
def admin(context: EnrolmentContext) -> SessionAdmin:
    return SessionAdmin(context)
