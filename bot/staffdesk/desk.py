"""The staff's work queue. Each item is opened by the domain when something needs a person at KL
(a request, a question the bot could not answer, a person waiting for approval, a message Slack
refused for good) and goes open → taken (by whom) → closed, with an answer that reaches the asker
as a DM signed with the staff member's name. Every step is written to the audit log in the same
transaction, and the item's staff messages are updated after it commits."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, wait
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.clock import day_text, utcnow
from bot.errors import UserError
from bot.notify import Letter, Notice, Postman
from bot.staffdesk.audit import Action, AuditLog
from bot.staffdesk.board import StaffBoard, StaffMessage
from bot.storage.db import Database, is_sqlite
from bot.storage.models.enrolment import OfferRequest, RequestStatus
from bot.storage.models.members import Member
from bot.storage.models.staff import ItemKind, ItemState, WorkItem, WorkItemMessage

log = logging.getLogger(__name__)

MAX_ANSWER = 3000
MAX_NOTE = 1000
RECENT = timedelta(days=90)
OPEN_STATES = (ItemState.OPEN, ItemState.TAKEN)
ANSWERABLE = (ItemKind.REQUEST, ItemKind.QUESTION)


class DeskError(UserError):
    """A step that cannot be taken (the item is closed, the asker cannot be reached); the message
    is Danish and says why."""


@dataclass(frozen=True)
class Staffer:
    user_id: str
    name: str


@dataclass(frozen=True)
class ItemDraft:
    kind: ItemKind
    title: str
    details: str
    topic: str = ""
    ref_id: int | None = None
    asker_id: str | None = None


@dataclass(frozen=True)
class ItemView:
    id: int
    kind: ItemKind
    title: str
    topic: str
    details: str
    state: ItemState
    created_at: datetime
    ref_id: int | None = None
    asker_id: str | None = None
    assignee_name: str | None = None
    answer: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None
    note: str | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None

    @classmethod
    def of(cls, item: WorkItem) -> "ItemView":
        return cls(
            id=item.id, kind=item.kind, title=item.title, topic=item.topic, details=item.details,
            state=item.state, created_at=item.created_at, ref_id=item.ref_id, asker_id=item.asker_id,
            assignee_name=item.assignee_name, answer=item.answer, answered_by=item.answered_by,
            answered_at=item.answered_at, note=item.note, closed_by=item.closed_by, closed_at=item.closed_at,
        )

    @property
    def progress(self) -> str:
        """Where the asker's request stands: sendt → under behandling (af hvem) → afsluttet."""
        if self.state is ItemState.WITHDRAWN:
            return f"Trukket tilbage {day_text(self.closed_at or self.created_at)}"
        if self.state is ItemState.CLOSED:
            return f"Afsluttet {day_text(self.closed_at or self.created_at)}" + (f" af {self.closed_by}" if self.closed_by else "")
        if self.state is ItemState.TAKEN:
            return f"Under behandling af {self.assignee_name or 'KL'}"
        return f"Sendt {day_text(self.created_at)}"

    @property
    def answerable(self) -> bool:
        """Svar needs someone to answer: a question whose asker did not agree to be known has none.
        A person waiting for approval is answered by the decision, a failed delivery by nobody."""
        return self.kind in ANSWERABLE and self.asker_id is not None and self.state in OPEN_STATES


def who(member: Member | None) -> str:
    """'Mette Mayor (Vejle)': how staff see a person, with the municipality when known."""
    if member is None:
        return "en bruger, der ikke står i medlemslisten"
    return f"{member.name} ({member.municipality})" if member.municipality else member.name


def answer_notice(item: ItemView, answer: str, staffer: Staffer) -> Notice:
    about = f"Svar på {item.topic}" if item.topic else "Svar fra KL"
    return Notice(title=about[:150], text=f"{answer}\n\nVenlig hilsen\n{staffer.name}, KL")


class StaffDesk:
    """The board is attached by the adapter at start (Slack, the console); until then items are
    kept and logged as not shown, and /mine and App Home still show them."""

    def __init__(self, db: Database, postman: Postman, audit: AuditLog, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._postman = postman
        self._audit = audit
        self._clock = clock
        self._board: StaffBoard | None = None
        self._background: Executor | None = None
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._board is not None

    def use(self, board: StaffBoard, *, background: Executor | None = None) -> None:
        with self._lock:
            self._board = board
            self._background = background

    # -- showing -----------------------------------------------------------------------------

    def _later(self, job: Callable[[], None]) -> None:
        """On the background executor when there is one, so a Slack listener answers within
        Slack's three seconds; a failed post is logged, the item stays in the database."""

        def run() -> None:
            try:
                job()
            except Exception:
                log.exception("staff board failed")

        if self._background is None:
            run()
            return
        future = self._background.submit(run)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(lambda done: self._pending.discard(done))

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait for staff messages still being posted (tests, shutdown); True when none is left."""
        with self._lock:
            pending = set(self._pending)
        return not wait(pending, timeout=timeout)[1]

    def _post(self, item_id: int) -> None:
        board = self._board
        view = self.get(item_id)
        if board is None:
            log.warning("no staff board attached; item %s not shown: %s", item_id, view.title)
            return
        messages = board.post(view)
        with self._db.session() as session:
            session.add_all(WorkItemMessage(item_id=item_id, channel=m.channel, ts=m.ts) for m in messages)

    def _refresh(self, item_id: int) -> None:
        board = self._board
        if board is None:
            return
        with self._db.session() as session:
            item = session.get_one(WorkItem, item_id)
            view = ItemView.of(item)
            messages = [StaffMessage(m.channel, m.ts) for m in item.messages]
        for message in messages:
            board.update(message, view)

    def tell(self, text: str) -> bool:
        """A note to staff with no buttons: the channel, or each staff member's DM. False when it
        has nowhere to go (no board attached, or no staff channel and no staff members), so a
        caller that keeps track of what staff were told can try again later."""
        board = self._board
        if board is None or not board.reaches_anyone():
            log.warning("no staff board attached or no staff to tell; not told: %s", text[:80])
            return False
        self._later(lambda: board.tell(text))
        return True

    # -- opening -----------------------------------------------------------------------------

    def open(self, draft: ItemDraft) -> ItemView:
        with self._db.session() as session:
            view = self._insert(session, draft)
        self._later(lambda: self._post(view.id))
        return view

    def _insert(self, session: Session, draft: ItemDraft) -> ItemView:
        item = WorkItem(
            kind=draft.kind, ref_id=draft.ref_id, asker_id=draft.asker_id, title=draft.title[:300],
            topic=draft.topic[:300], details=draft.details, state=ItemState.OPEN, created_at=self._clock(),
        )
        session.add(item)
        session.flush()
        return ItemView.of(item)

    def open_once(self, draft: ItemDraft) -> ItemView | None:
        """Open the item unless one of the same kind and title is still open (a person whose
        account is gone is one item, however many messages bounced, even at the same moment:
        the check and the insert share one transaction, serialised by SQLite's BEGIN IMMEDIATE
        or by a PostgreSQL advisory lock on the title)."""
        title = draft.title[:300]
        with self._db.session() as session:
            if not is_sqlite(self._db.engine):
                session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"work-item:{title}"})
            already = session.scalar(
                select(WorkItem.id).where(WorkItem.kind == draft.kind, WorkItem.title == title, WorkItem.state.in_(OPEN_STATES)).limit(1)
            )
            view = None if already is not None else self._insert(session, draft)
        if view is not None:
            self._later(lambda: self._post(view.id))
        return view

    def find(self, kind: ItemKind, ref_id: int) -> ItemView | None:
        """The newest item about this row."""
        with self._db.session() as session:
            item = session.scalar(
                select(WorkItem).where(WorkItem.kind == kind, WorkItem.ref_id == ref_id).order_by(WorkItem.id.desc()).limit(1)
            )
            return ItemView.of(item) if item else None

    def amend(self, item_id: int, *, asker_id: str | None = None, details: str | None = None) -> None:
        """Something learnt after the item was opened (the asker agreed to be known)."""
        with self._db.session() as session:
            item = session.get_one(WorkItem, item_id)
            if asker_id is not None:
                item.asker_id = asker_id
            if details is not None:
                item.details = details
        self._later(lambda: self._refresh(item_id))

    def settle(self, session: Session, kind: ItemKind, ref_id: int, by: str, note: str) -> list[int]:
        """Close the open items about this row inside the caller's transaction, for a staff
        decision that is stored and audited as itself (a person approved). Returns the items to
        ``show`` once the transaction has committed."""
        items = list(
            session.scalars(
                select(WorkItem).where(WorkItem.kind == kind, WorkItem.ref_id == ref_id, WorkItem.state.in_(OPEN_STATES)).with_for_update()
            )
        )
        for item in items:
            item.state, item.note, item.closed_by, item.closed_at = ItemState.CLOSED, note[:MAX_NOTE], by, self._clock()
        return [item.id for item in items]

    def show(self, item_ids: Iterable[int]) -> None:
        """Update the staff messages of items changed in a transaction that has committed."""
        for item_id in item_ids:
            self._later(partial(self._refresh, item_id))

    # -- staff steps -------------------------------------------------------------------------

    def _locked(self, session: Session, item_id: int) -> WorkItem:
        item = session.scalar(select(WorkItem).where(WorkItem.id == item_id).with_for_update())
        if item is None:
            raise DeskError("Sagen findes ikke længere.")
        return item

    @staticmethod
    def _refuse_if_closed(item: WorkItem) -> None:
        if item.state is ItemState.CLOSED:
            raise DeskError(f"Sagen er allerede afsluttet af {item.closed_by or 'en kollega'}.")
        if item.state is ItemState.WITHDRAWN:
            raise DeskError(f"{item.closed_by or 'Spørgeren'} har trukket den tilbage.")

    def _step(self, item_id: int, staffer: Staffer, action: Action, change: Callable[[Session, WorkItem], str | None]) -> ItemView:
        with self._db.session() as session:
            item = self._locked(session, item_id)
            detail = change(session, item)
            self._audit.record(staffer.user_id, action, item.title, detail, actor_name=staffer.name, session=session)
            session.flush()
            view = ItemView.of(item)
        self._later(lambda: self._refresh(item_id))
        return view

    def take(self, item_id: int, staffer: Staffer) -> ItemView:
        """Assign the item to this staff member (taking it over from a colleague is allowed)."""

        def change(_session: Session, item: WorkItem) -> None:
            self._refuse_if_closed(item)
            item.state = ItemState.TAKEN
            item.assignee_id = staffer.user_id
            item.assignee_name = staffer.name

        return self._step(item_id, staffer, Action.ITEM_TAKEN, change)

    def answer(self, item_id: int, staffer: Staffer, text: str) -> ItemView:
        """Send the answer to the asker as a DM signed with the staff member's name, and keep it
        with the item. Answering takes the item if nobody had."""
        answer = text.strip()[:MAX_ANSWER]
        if not answer:
            raise DeskError("Skriv et svar, før du sender.")

        def change(_session: Session, item: WorkItem) -> str:
            self._refuse_if_closed(item)
            if item.asker_id is None:
                raise DeskError("Spørgeren har ikke givet lov til, at KL ser, hvem det er, så svaret kan ikke sendes.")
            if item.assignee_id is None:
                item.assignee_id, item.assignee_name = staffer.user_id, staffer.name
            item.state = ItemState.TAKEN
            item.answer, item.answered_by, item.answered_at = answer, staffer.name, self._clock()
            return answer

        view = self._step(item_id, staffer, Action.ANSWER_SENT, change)
        assert view.asker_id is not None
        self._postman.deliver([Letter(view.asker_id, answer_notice(view, answer, staffer))])
        return view

    def close(self, item_id: int, staffer: Staffer, note: str | None = None) -> ItemView:
        """Done. A request is marked handled, so /deltagere and /mine stop listing it as open."""
        clean = " ".join((note or "").split())[:MAX_NOTE] or None

        def change(session: Session, item: WorkItem) -> str | None:
            self._refuse_if_closed(item)
            item.state = ItemState.CLOSED
            item.note, item.closed_by, item.closed_at = clean, staffer.name, self._clock()
            if item.kind is ItemKind.REQUEST and item.ref_id is not None:
                request = session.get(OfferRequest, item.ref_id)
                if request is not None and request.status is RequestStatus.OPEN:
                    request.status, request.handled_at = RequestStatus.HANDLED, item.closed_at
            return clean

        return self._step(item_id, staffer, Action.ITEM_CLOSED, change)

    def withdrawn(self, kind: ItemKind, ref_id: int, by: str) -> None:
        """The asker took it back (a request withdrawn with /afmeld): the item closes without a
        staff action, so nothing is audited, and staff see who withdrew it."""
        with self._db.session() as session:
            item = session.scalar(
                select(WorkItem)
                .where(WorkItem.kind == kind, WorkItem.ref_id == ref_id, WorkItem.state.in_(OPEN_STATES))
                .order_by(WorkItem.id.desc())
                .limit(1)
                .with_for_update()
            )
            if item is None:
                return
            item.state, item.closed_by, item.closed_at = ItemState.WITHDRAWN, by, self._clock()
            item_id = item.id
        self._later(lambda: self._refresh(item_id))

    # -- reading -----------------------------------------------------------------------------

    def get(self, item_id: int) -> ItemView:
        with self._db.session() as session:
            item = session.get(WorkItem, item_id)
            if item is None:
                raise DeskError("Sagen findes ikke længere.")
            return ItemView.of(item)

    def open_items(self) -> list[ItemView]:
        """Everything still open or taken, oldest first (the one waiting longest on top)."""
        with self._db.session() as session:
            rows = session.scalars(select(WorkItem).where(WorkItem.state.in_(OPEN_STATES)).order_by(WorkItem.created_at, WorkItem.id))
            return [ItemView.of(item) for item in rows]

    def of_asker(self, asker_id: str, kinds: Sequence[ItemKind] = (ItemKind.REQUEST, ItemKind.QUESTION)) -> list[ItemView]:
        """The asker's items, open ones and those closed in the last 90 days, newest first."""
        since = self._clock() - RECENT
        with self._db.session() as session:
            rows = session.scalars(
                select(WorkItem)
                .where(WorkItem.asker_id == asker_id, WorkItem.kind.in_(kinds), WorkItem.state != ItemState.WITHDRAWN)
                .where(WorkItem.state.in_(OPEN_STATES) | (WorkItem.closed_at >= since))
                .order_by(WorkItem.created_at.desc(), WorkItem.id.desc())
            )
            return [ItemView.of(item) for item in rows]

    def latest_for(self, kind: ItemKind, ref_ids: Iterable[int]) -> dict[int, ItemView]:
        """The newest item per referenced row (a request asked again gets a new item)."""
        ids = list(ref_ids)
        if not ids:
            return {}
        with self._db.session() as session:
            rows = session.scalars(select(WorkItem).where(WorkItem.kind == kind, WorkItem.ref_id.in_(ids)).order_by(WorkItem.id))
            return {item.ref_id: ItemView.of(item) for item in rows if item.ref_id is not None}
