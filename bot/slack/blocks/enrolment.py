"""Enrolment as Block Kit: the confirmation modal (date, place, fee and deadline before anything
is stored), the "who are you" modal, /mine, /deltagere, and the staff session form.

Everything a person typed (names, places, fees) is escaped, so ``<!channel>`` stays text.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.catalogue.model import Catalogue
from bot.catalogue.schema import EnrolmentKind, Offer
from bot.clock import day_text, local
from bot.enrolment.notices import CONFIRM_SEAT_ACTION
from bot.enrolment.results import (
    AUDIENCE_NAMES,
    STATUS_NAMES,
    EnrolmentPlan,
    OfferRoster,
    OpenOffer,
    Overview,
    SessionView,
    WithdrawOutcome,
)
from bot.enrolment.service import MAX_NOTE
from bot.enrolment.sessions import MAX_CAPACITY, SessionDraft
from bot.members.municipalities import municipality_names
from bot.slack.blocks.layout import message_modal, modal, section
from bot.slack.blocks.offers import ENROL_ACTION
from bot.slack.blocks.text import (
    BUTTON_TEXT,
    FIELD_TEXT,
    HEADER_TEXT,
    SECTION_TEXT,
    clip,
    escape,
    split,
)
from bot.staffdesk import ItemView
from bot.storage.models.enrolment import Audience, EnrolmentStatus

if TYPE_CHECKING:
    from bot.services import Services

CONFIRMED = "ja"
"""The last part of a withdraw button's value when the person has read what the seat costs."""
ENROL_VIEW = "enrol_confirm"
REGISTER_VIEW = "enrol_register"
SESSION_VIEW = "session_save"
WITHDRAW_ACTION = "enrol_withdraw"
ROSTER_ACTION = "roster_show"
SESSION_NEW_ACTION = "session_new"
SESSION_EDIT_ACTION = "session_edit"
SESSION_CANCEL_ACTION = "session_cancel"

# block_id → action_id of every input, so the view listeners read exactly what is built here.
ENROL_INPUTS = {"session": "choice", "note": "text"}
REGISTER_INPUTS = {"municipality": "select", "role": "choice", "first_term": "check"}
SESSION_INPUTS = {
    "offer_id": "select",
    "title": "text",
    "date": "pick",
    "start": "pick",
    "end": "pick",
    "end_date": "pick",
    "place": "text",
    "online": "check",
    "capacity": "number",
    "fee": "text",
    "deadline": "pick",
    "audience": "choice",
}
ROLE_OPTIONS = {"mayor": "Borgmester", "secretariat": "Borgmestersekretariat"}
FIRST_TERM = "first_term"
ONLINE = "online"



def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text, SECTION_TEXT))])


def _facts(pairs: Sequence[tuple[str, str]]) -> SectionBlock:
    return SectionBlock(fields=[MarkdownTextObject(text=clip(f"*{escape(label)}*\n{escape(value)}", FIELD_TEXT)) for label, value in pairs])


# -- mayors -----------------------------------------------------------------------------------


def _session_option(view: SessionView) -> Option:
    return Option(
        value=str(view.id),
        text=clip(f"{view.when}", 75),
        description=clip(f"{view.where} · {view.fee_text} · {view.seats_text}", 75),
    )


def _who(plan: EnrolmentPlan) -> list[Block]:
    if not plan.on_behalf:
        return []
    person = plan.participant
    where = f" ({escape(person.municipality)})" if person.municipality else ""
    return [_context(f"Du tilmelder *{escape(person.name)}*{where} på borgmesterens vegne.")]


def enrol_modal(plan: EnrolmentPlan) -> View:
    """What will be stored, shown before it is: for a session its date, place, fee and deadline;
    for a request what KL does with it. Nothing is written until Tilmeld is pressed."""
    offer = plan.offer
    metadata: dict[str, object] = {"offer": offer.id}
    blocks: list[Block] = [HeaderBlock(text=clip(offer.title, HEADER_TEXT)), *_who(plan)]
    if plan.kind is not EnrolmentKind.SESSION:
        if plan.request is not None:
            return message_modal("Allerede sendt", f"Der er allerede sendt en anmodning om {offer.title}. KL vender tilbage. Træk den tilbage med /afmeld {offer.title}.")
        blocks.append(section(offer.enrolment.how))
        blocks.append(_facts([("For hvem", offer.audience), ("Pris", offer.fee or "Ikke oplyst")]))
        blocks.append(
            InputBlock(
                block_id="note",
                label="Besked til KL (valgfri)",
                optional=True,
                element=PlainTextInputElement(action_id=ENROL_INPUTS["note"], multiline=True, max_length=MAX_NOTE),
            )
        )
        return modal("Send anmodning", blocks, callback_id=ENROL_VIEW, submit="Send anmodning", metadata=metadata)
    for choice in plan.sessions:
        view = choice.session
        state = choice.closed
        if choice.status is not None:
            state = STATUS_NAMES[choice.status] + (f" som nr. {choice.position}" if choice.position else "")
        blocks.append(DividerBlock())
        blocks.append(section(f"*{escape(view.name)}*" + (f"  _({escape(state)})_" if state else ""), markup=True))
        blocks.append(_facts(view.facts()[:4]))
        blocks.append(_context(escape(f"{view.seats_text} · {AUDIENCE_NAMES[view.audience]}")))
    open_sessions = plan.open_sessions
    if not open_sessions:
        blocks.append(_context("Der er ingen af datoerne, du kan tilmelde dig. Se dine tilmeldinger med /mine."))
        return modal("Tilmelding", blocks, callback_id=ENROL_VIEW)
    if len(open_sessions) == 1:
        metadata["session"] = open_sessions[0].session.id
    else:
        options = [_session_option(choice.session) for choice in open_sessions]
        blocks.append(
            InputBlock(block_id="session", label="Vælg dato", element=RadioButtonsElement(action_id=ENROL_INPUTS["session"], options=options))
        )
    blocks.append(_context("Er der fuldt, kommer du på ventelisten og får besked, når der bliver en plads."))
    return modal("Tilmelding", blocks, callback_id=ENROL_VIEW, submit="Tilmeld", metadata=metadata)


def register_modal(offer_id: str) -> View:
    """Asked once, the first time someone the directory does not know wants to enrol."""
    municipalities = [Option(value=name, text=name) for name in sorted(municipality_names())]
    blocks: list[Block] = [
        section("Jeg kender dig ikke endnu. Fortæl mig, hvor du er fra, så kan du tilmelde dig. Du bliver kun spurgt én gang.", markup=True),
        InputBlock(
            block_id="municipality",
            label="Kommune",
            element=StaticSelectElement(action_id=REGISTER_INPUTS["municipality"], placeholder="Vælg kommune", options=municipalities),
        ),
        InputBlock(
            block_id="role",
            label="Jeg er",
            element=RadioButtonsElement(
                action_id=REGISTER_INPUTS["role"],
                options=[Option(value=value, text=text) for value, text in ROLE_OPTIONS.items()],
                initial_option=Option(value="mayor", text=ROLE_OPTIONS["mayor"]),
            ),
        ),
        InputBlock(
            block_id="first_term",
            label="Valgperiode",
            optional=True,
            element=CheckboxesElement(
                action_id=REGISTER_INPUTS["first_term"],
                options=[Option(value=FIRST_TERM, text="Jeg er nyvalgt borgmester (første valgperiode)")],
            ),
        ),
        _context("Et sekretariat kan tilmelde sin borgmester, når KL har knyttet jer sammen."),
    ]
    return modal("Hvem er du?", blocks, callback_id=REGISTER_VIEW, submit="Gem", metadata={"offer": offer_id})


def offer_choice_blocks(offers: Sequence[Offer], typed: str, action_id: str = ENROL_ACTION) -> list[Block]:
    """Several offers match what was typed: one button each, all of them (Slack's row takes 25,
    as many as the domain ever offers), so none is left out unsaid."""
    buttons = [ButtonElement(text=clip(offer.title, BUTTON_TEXT), action_id=action_id, value=offer.id) for offer in offers[:25]]
    heading = f"{len(offers)} tilbud passer på »{escape(typed[:80])}«. Hvilket mener du?"
    return [section(heading, markup=True), ActionsBlock(elements=buttons)]


def open_offer_blocks(found: Sequence[OpenOffer]) -> list[Block]:
    """/tilmeld with no words: what can be enrolled in now, each with a Tilmeld button."""
    if not found:
        return [section("Der er ingen datoer at tilmelde sig lige nu. Mentor, sparring og netværk kan du bede om med fx /tilmeld mentorordning.", markup=True)]
    lines = [f"• *{escape(o.offer.title)}*: {o.text}" for o in found]
    buttons = [ButtonElement(text=clip(o.offer.title, BUTTON_TEXT), action_id=ENROL_ACTION, value=o.offer.id) for o in found[:25]]
    return [
        section("Tilbud med datoer, du kan tilmelde dig nu:\n" + "\n".join(lines), markup=True),
        ActionsBlock(elements=buttons),
        section("Mentor, sparring og netværk har ingen datoer: bed om dem med fx /tilmeld mentorordning.", markup=True),
    ]


def withdraw_confirm_blocks(outcome: WithdrawOutcome) -> list[Block]:
    """A paid seat: what it costs first, then the button that gives it up."""
    assert outcome.to_confirm is not None
    value = f"{outcome.offer.id}:{outcome.to_confirm.id}:{CONFIRMED}"
    button = ButtonElement(text="Ja, afmeld", action_id=WITHDRAW_ACTION, value=value, style="danger")
    return [section(outcome.message), ActionsBlock(elements=[button])]


def withdraw_blocks(outcome: WithdrawOutcome) -> list[Block] | None:
    """The blocks an /afmeld answer needs beyond its text: a choice of dates, or the fee to confirm."""
    if outcome.to_confirm:
        return withdraw_confirm_blocks(outcome)
    return withdraw_choice_blocks(outcome) if outcome.choices else None


def withdraw_choice_blocks(outcome: WithdrawOutcome) -> list[Block]:
    buttons = [
        ButtonElement(text=clip(view.when, BUTTON_TEXT), action_id=WITHDRAW_ACTION, value=f"{outcome.offer.id}:{view.id}")
        for view in outcome.choices[:25]
    ]
    return [section(outcome.message), ActionsBlock(elements=buttons)]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _withdraw_button(value: str, what: str) -> ButtonElement:
    return ButtonElement(
        text="Afmeld",
        action_id=WITHDRAW_ACTION,
        value=value,
        confirm=ConfirmObject(title="Afmeld?", text=clip(f"Vil du afmelde {what}?", 300), confirm="Afmeld", deny="Fortryd"),
    )


def overview_blocks(overview: Overview) -> list[Block]:
    """/mine and the Home tab: seats, waitlist places (with number), seat offers to confirm,
    and open requests, each with a button to give it up."""
    name = overview.participant.name if overview.participant and overview.on_behalf else None
    blocks: list[Block] = [HeaderBlock(text=clip(f"{name}s tilmeldinger" if name else "Mine tilmeldinger", HEADER_TEXT))]
    if overview.empty:
        blocks.append(section("Ingen kommende tilmeldinger eller åbne anmodninger. Tilmeld dig med /tilmeld og tilbuddets navn.", markup=True))
        return blocks
    for item in overview.enrolments:
        view = item.session
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=clip(f"*{escape(view.name)}*\n{escape(view.when)} · {escape(view.where)}\n{_capital(item.state_text)}", SECTION_TEXT)),
                accessory=_withdraw_button(f"{view.offer_id}:{view.id}", f"{view.name} {view.when}"),
            )
        )
        if item.status is EnrolmentStatus.OFFERED:
            blocks.append(
                ActionsBlock(elements=[ButtonElement(text="Bekræft plads", action_id=CONFIRM_SEAT_ACTION, value=str(item.enrolment_id), style="primary")])
            )
    for request in overview.requests:
        followup = overview.followup_of(request)
        state = followup.progress if followup else f"Sendt {day_text(request.created_at)}"
        answer = _answer_text(followup) if followup else ""
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=clip(f"*Din anmodning om {escape(request.offer_title)}*\n{escape(state)}{answer}", SECTION_TEXT)),
                accessory=_withdraw_button(request.offer_id, f"din anmodning om {request.offer_title}"),
            )
        )
    for followup in overview.other_followups:
        text = f"*{escape(_capital(followup.topic))}*\n{escape(followup.progress)}{_answer_text(followup)}"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT))))
    return blocks


def _answer_text(followup: ItemView) -> str:
    if not followup.answer:
        return ""
    return f"\n*Svar fra {escape(followup.answered_by or 'KL')}:* {escape(followup.answer)}"


def mine_section(services: Services, user_id: str) -> list[Block]:
    """The Home tab's "Mine tilmeldinger", for someone the directory knows."""
    overview = services.enrolment.mine(user_id)
    return [DividerBlock(), *overview_blocks(overview)] if overview.participant else []


# -- staff ------------------------------------------------------------------------------------


def _manage_buttons(view: SessionView) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(text="Ret", action_id=SESSION_EDIT_ACTION, value=str(view.id)),
            ButtonElement(
                text="Aflys",
                action_id=SESSION_CANCEL_ACTION,
                value=str(view.id),
                style="danger",
                confirm=ConfirmObject(
                    title="Aflys datoen?",
                    text=clip(f"{view.name} {view.when} aflyses, og alle tilmeldte og ventende får besked.", 300),
                    confirm="Aflys",
                    deny="Fortryd",
                    style="danger",
                ),
            ),
        ]
    )


def roster_blocks(roster: OfferRoster) -> list[Block]:
    """/deltagere: per session who has a seat and who waits (in order), then open requests."""
    offer = roster.offer
    blocks: list[Block] = [HeaderBlock(text=clip(f"Deltagere: {offer.title}", HEADER_TEXT))]
    for entry in roster.sessions:
        view = entry.session
        cancelled = " · *AFLYST*" if view.cancelled else ""
        blocks.append(DividerBlock())
        blocks.append(section(f"*{escape(view.when)}*{cancelled}\n{escape(view.where)} · {escape(view.seats_text)}", markup=True))
        lines = [
            f"{number}. {escape(p.name)} ({escape(p.municipality or '–')}): {STATUS_NAMES[p.status]}"
            + (f" nr. {p.position}" if p.position else "")
            + (f", tilmeldt af {escape(p.enrolled_by)}" if p.enrolled_by else "")
            for number, p in enumerate(entry.participants, start=1)
        ]
        blocks += [section(piece, markup=True) for piece in split("\n".join(lines))] if lines else [section("_Ingen tilmeldte endnu._", markup=True)]
        if not view.cancelled:
            blocks.append(_manage_buttons(view))
    if roster.requests:
        blocks.append(DividerBlock())
        lines = [f"• {escape(r.name)} ({escape(r.municipality or '–')}), {day_text(r.request.created_at)}" for r in roster.requests]
        blocks.append(section("*Anmodninger*\n" + "\n".join(lines), markup=True))
    if offer.enrolment.kind is EnrolmentKind.SESSION:
        if not roster.sessions:
            blocks.append(section("Der er ingen kommende datoer.", markup=True))
        blocks.append(ActionsBlock(elements=[ButtonElement(text="Ny dato", action_id=SESSION_NEW_ACTION, value=offer.id, style="primary")]))
    elif not roster.requests:
        blocks.append(section("Ingen åbne anmodninger.", markup=True))
    blocks.append(_context("Listen er også sendt til dig som CSV-fil i en privat besked."))
    return blocks


def _offer_options(catalogue: Catalogue) -> list[Option]:
    return [Option(value=o.id, text=clip(o.title, 75)) for o in catalogue.offers if o.enrolment.kind is EnrolmentKind.SESSION]


def _local_date(moment: datetime | None) -> str | None:
    return local(moment).strftime("%Y-%m-%d") if moment else None


def _local_time(moment: datetime) -> str:
    return local(moment).strftime("%H:%M")


def session_modal(catalogue: Catalogue, *, offer_id: str | None = None, current: SessionView | None = None) -> View:
    """Staff add a session (``current`` None) or change one. Times are Copenhagen time."""
    draft = SessionDraft.of(current) if current else None
    offers = _offer_options(catalogue)
    chosen = next((o for o in offers if o.value == (draft.offer_id if draft else offer_id)), None)
    audience_options = [Option(value=a.value, text=AUDIENCE_NAMES[a]) for a in Audience]
    online_option = Option(value=ONLINE, text="Online (også)")

    def text_input(block: str, label: str, value: str | None, limit: int, *, optional: bool = True) -> InputBlock:
        element = PlainTextInputElement(action_id=SESSION_INPUTS[block], initial_value=value or None, max_length=limit)
        return InputBlock(block_id=block, label=label, optional=optional, element=element)

    def picker(block: str, label: str, element: DatePickerElement | TimePickerElement, *, optional: bool = False) -> InputBlock:
        return InputBlock(block_id=block, label=label, optional=optional, element=element)

    blocks: list[Block] = [
        InputBlock(
            block_id="offer_id",
            label="Tilbud",
            element=StaticSelectElement(action_id=SESSION_INPUTS["offer_id"], placeholder="Vælg tilbud", options=offers, initial_option=chosen),
        ),
        text_input("title", "Titel (hvis en anden end tilbuddets)", draft.title if draft else None, 200),
        picker("date", "Dato", DatePickerElement(action_id=SESSION_INPUTS["date"], initial_date=_local_date(draft.starts_at) if draft else None)),
        picker("start", "Starttid", TimePickerElement(action_id=SESSION_INPUTS["start"], initial_time=_local_time(draft.starts_at) if draft else "10:00")),
        picker("end", "Sluttid", TimePickerElement(action_id=SESSION_INPUTS["end"], initial_time=_local_time(draft.ends_at) if draft else "12:00")),
        picker(
            "end_date",
            "Slutdato (hvis en anden dag)",
            DatePickerElement(
                action_id=SESSION_INPUTS["end_date"],
                initial_date=_local_date(draft.ends_at) if draft and local(draft.ends_at).date() != local(draft.starts_at).date() else None,
            ),
            optional=True,
        ),
        text_input("place", "Sted", draft.place if draft else None, 300),
        InputBlock(
            block_id="online",
            label="Online",
            optional=True,
            element=CheckboxesElement(
                action_id=SESSION_INPUTS["online"], options=[online_option], initial_options=[online_option] if draft and draft.online else None
            ),
        ),
        InputBlock(
            block_id="capacity",
            label="Antal pladser",
            element=NumberInputElement(
                action_id=SESSION_INPUTS["capacity"],
                is_decimal_allowed=False,
                min_value=1,
                max_value=MAX_CAPACITY,
                initial_value=draft.capacity if draft else None,
            ),
        ),
        text_input("fee", "Pris (tom: gratis; med pris skal en ledig plads bekræftes)", draft.fee if draft else None, 200),
        picker(
            "deadline",
            "Tilmeldingsfrist (til og med)",
            DatePickerElement(action_id=SESSION_INPUTS["deadline"], initial_date=_local_date(draft.deadline) if draft else None),
            optional=True,
        ),
        InputBlock(
            block_id="audience",
            label="For hvem",
            element=RadioButtonsElement(
                action_id=SESSION_INPUTS["audience"],
                options=audience_options,
                initial_option=next(o for o in audience_options if o.value == (draft.audience.value if draft else Audience.ALL.value)),
            ),
        ),
    ]
    title = "Ret dato" if current else "Ny dato"
    metadata = {"session": current.id} if current else {}
    return modal(title, blocks, callback_id=SESSION_VIEW, submit="Gem", metadata=metadata)
