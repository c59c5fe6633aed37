"""The composition root: settings, database, catalogue and the domain services built on them.

The CLI, the Slack adapter, the console chat and the scheduler all start from one Services, so
each piece is built in one place and shared, never re-created per request.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.broadcast.service import Broadcasts
from bot.catalogue.follow import CatalogueFollower
from bot.catalogue.model import Catalogue
from bot.catalogue.store import Author, CatalogueStore, ChangeKind
from bot.clock import utcnow
from bot.config import Settings
from bot.conversations import ConversationMemory
from bot.danish import count
from bot.enrolment.context import EnrolmentContext
from bot.enrolment.participants import Participants
from bot.enrolment.service import OFFER_CHOICES, EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.feedback import FeedbackLog
from bot.inbound import HandledEvents
from bot.members.approval import Approvals
from bot.members.directory import Directory
from bot.members.staff import StaffPolicy
from bot.notify import KeyedNoticeSender, Postman
from bot.praktik.service import Praktik
from bot.privacy import Forgotten, forget
from bot.reminders.hotline import HotlineOptOuts
from bot.reminders.meetings import Meetings
from bot.reminders.networks import Networks
from bot.reminders.policy import PolicyStore
from bot.reminders.rhythm import HostTurns
from bot.reminders.status import DeliveryLog
from bot.retention import Retention, RetentionPolicy
from bot.staffdesk import Action, AuditLog, StaffDesk
from bot.staffdesk.audit import COMMAND_LINE
from bot.staffdesk.deliveries import FailureReporting
from bot.storage.db import Database

if TYPE_CHECKING:
    # Imported where used: the answerer's search index (numpy, bm25s) is the largest import of
    # the bot, and most commands never answer a question.
    from bot.answers import Answerer
    from bot.asking import Asking
    from bot.livefacts import LiveFacts


def audit_catalogue_change(session: Session, author: Author, kind: ChangeKind, subject: str, detail: str) -> None:
    """The catalogue store's recorder: each change kind is the audit action of the same name."""
    AuditLog.add(session, author.id, Action(kind.value), subject, detail, actor_name=author.name)


_ANSWERERS_KEPT = 4
_answerers: OrderedDict[int, Answerer] = OrderedDict()
_answerers_lock = threading.Lock()


def _answerer_of(catalogue: Catalogue, build: Callable[[Catalogue], Answerer]) -> Answerer:
    """The answerer of ``catalogue``, built once and shared by every Services in the process that
    uses the same catalogue object (the store hands out one object per stored document text, see
    document.from_json): an answerer is a pure function of its catalogue and is not changed
    after it is built, and building one is most of a Slack app's start. Built under the lock, so
    a rush of first questions (or the follower after a new version) builds it once. Kept by the
    catalogue's id; the answerer holds its catalogue, so the id cannot be reused while it is kept."""
    with _answerers_lock:
        kept = _answerers.get(id(catalogue))
        if kept is not None and kept.catalogue is catalogue:
            _answerers.move_to_end(id(catalogue))
            return kept
        answerer = build(catalogue)
        _answerers[id(catalogue)] = answerer
        while len(_answerers) > _ANSWERERS_KEPT:
            _answerers.popitem(last=False)
        return answerer


@dataclass
class Services:
    settings: Settings
    db: Database
    catalogue: CatalogueStore
    clock: Callable[[], datetime] = utcnow
    """The time the meetings, the host turns and the reminder runner read: a test drives a whole
    quarter with it."""
    _follower: CatalogueFollower | None = field(default=None, init=False, repr=False)

    @classmethod
    def build(cls, settings: Settings, *, migrate: bool = True) -> "Services":
        """Open the database, bring its schema to the newest migration, then take the catalogue
        in use from it (a database without one starts from the seed file; a broken seed stops
        the start). Every change of the catalogue is written to the audit log in the change's own
        transaction."""
        db = Database(settings.database_url)
        if migrate:
            db.migrate()
        return cls(settings=settings, db=db, catalogue=CatalogueStore(settings.offers_path, db, record=audit_catalogue_change))

    def follow_catalogue(self) -> None:
        """For the long-running processes (Slack app, scheduler, chat): follow new versions made
        by other replicas, rebuilding the answer index once per version."""
        if self._follower is None:
            self._follower = CatalogueFollower(
                self.catalogue, lambda: self.answerer, self.settings.catalogue_poll_seconds
            ).start()

    def close(self) -> None:
        if self._follower is not None:
            self._follower.stop()
            self._follower = None
        self.db.dispose()

    @cached_property
    def staff(self) -> StaffPolicy:
        """The Slack app attaches the user-group lookup (StaffPolicy.read_usergroup_with)."""
        return StaffPolicy(self.db, self.settings.staff_user_ids)

    @cached_property
    def inbound(self) -> HandledEvents:
        return HandledEvents(self.db)

    @cached_property
    def feedback(self) -> FeedbackLog:
        return FeedbackLog(self.db, self.desk)

    @property
    def answerer(self) -> Answerer:
        """The answerer of the catalogue version in use (see _answerer_of), so answers never come
        from the index of a catalogue no longer in use. An answer takes the answerer once and
        renders from ``answerer.catalogue``: one whole version. The Slack app builds it at start
        (``build_app``)."""
        from bot.answers import Answerer

        return _answerer_of(self.catalogue.current, Answerer)

    @cached_property
    def conversations(self) -> ConversationMemory:
        return ConversationMemory(self.db)

    def live_facts(self, asker: str | None) -> LiveFacts:
        from bot.livefacts import LiveFacts

        return LiveFacts(self.sessions, self.meetings, self.networks, asker)

    @cached_property
    def asking(self) -> Asking:
        from bot.asking import Asking

        return Asking(lambda: self.answerer, self.conversations, self.live_facts)

    @cached_property
    def postman(self) -> Postman:
        """Private messages the domain decides to send; the Slack app (or the console) attaches
        its NoticeSender at start."""
        return Postman()

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self.db)

    @cached_property
    def desk(self) -> StaffDesk:
        """The staff's work queue; the Slack app (or the console) attaches its board at start."""
        return StaffDesk(self.db, self.postman, self.audit)

    def watched(self, sender: KeyedNoticeSender) -> KeyedNoticeSender:
        """The sender every part of the bot delivers through: a message Slack refuses for good
        becomes a work item for staff."""
        return FailureReporting(sender, self.desk, self.db)

    @cached_property
    def directory(self) -> Directory:
        return Directory(self.db)

    @cached_property
    def approvals(self) -> Approvals:
        return Approvals(self.db, self.postman, self.catalogue, self.desk)

    @cached_property
    def enrolment_context(self) -> EnrolmentContext:
        return EnrolmentContext(self.db, self.catalogue, self.postman, self.desk)

    @cached_property
    def enrolment(self) -> EnrolmentService:
        return EnrolmentService(self.enrolment_context, lambda text: self.answerer.match_offers(text, limit=OFFER_CHOICES))

    @cached_property
    def sessions(self) -> SessionAdmin:
        return SessionAdmin(self.enrolment_context)

    @cached_property
    def participants(self) -> Participants:
        return Participants(self.enrolment_context)

    @cached_property
    def broadcasts(self) -> Broadcasts:
        return Broadcasts(
            self.db,
            self.catalogue,
            self.staff,
            requires_approval=self.settings.broadcast_requires_approval,
            approval_threshold=self.settings.broadcast_approval_threshold,
            configured_staff=self.settings.staff_user_ids,
        )

    @cached_property
    def networks(self) -> Networks:
        return Networks(self.db)

    @cached_property
    def meetings(self) -> Meetings:
        return Meetings(self.db, self.catalogue, self.clock)

    @cached_property
    def host_turns(self) -> HostTurns:
        return HostTurns(self.db, self.catalogue, self.meetings, self.tell_staff, self.clock)

    @cached_property
    def praktik(self) -> Praktik:
        return Praktik(self.db, self.tell_staff, self.clock)

    def tell_staff(self, title: str, text: str) -> None:
        """Something needs a person at KL (a host who does not answer, one who asks KL): a note on
        the staff desk, which posts in the staff channel or, without one, DMs each staff member."""
        self.desk.tell(f"*{title}*\n{text}")

    def forget(self, slack_id: str, by: str = COMMAND_LINE) -> Forgotten:
        """GDPR erasure, audited without naming the person (the row would undo the erasure);
        the seats they held are offered to the waitlist like any seat given up."""
        done = forget(self.db, slack_id)
        self.audit.record(by, Action.PERSON_FORGOTTEN, "en person", f"{count(sum(done.deleted.values()), 'række', 'rækker')} slettet")
        self.enrolment.refill(done.freed_sessions)
        return done

    @cached_property
    def reminder_policy(self) -> PolicyStore:
        return PolicyStore(self.db)

    @cached_property
    def hotline_opt_outs(self) -> HotlineOptOuts:
        return HotlineOptOuts(self.db)

    @cached_property
    def reminder_log(self) -> DeliveryLog:
        return DeliveryLog(self.db)

    @cached_property
    def retention(self) -> Retention:
        return Retention(self.db, RetentionPolicy.from_settings(self.settings))
