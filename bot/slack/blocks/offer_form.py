"""Staff's catalogue forms as Block Kit: Ret (an offer's fields), Nyt tilbud, and Tag ud af
kataloget (which asks what to do with dates still to come). Each input's block id is the name of
the offer field it edits ('enrolment.how'), so the schema's error for a field lands under it."""
from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.catalogue.model import Catalogue
from bot.catalogue.schema import EnrolmentKind, Offer
from bot.clock import moment_text
from bot.danish import count
from bot.enrolment.results import SessionView
from bot.slack.blocks.layout import modal
from bot.slack.blocks.text import CONTEXT_TEXT, SECTION_TEXT, clip, escape

EDIT_ACTION = "catalogue_edit"
NEW_ACTION = "catalogue_new"
CONFIRM_ACTION = "catalogue_confirm"
RETIRE_ACTION = "catalogue_retire"
EDIT_CALLBACK = "catalogue_edit_form"
NEW_CALLBACK = "catalogue_new_form"
RETIRE_CALLBACK = "catalogue_retire_form"
VALUE = "value"
"""Every input's action id; inputs are told apart by their block id."""

SESSIONS = "sessions"
CANCEL, KEEP = "cancel", "keep"
TOP = "title"
"""Where an error that belongs to no one field is shown: the first input."""

KIND_LABELS = {
    EnrolmentKind.SESSION: "Tilmelding til en dato",
    EnrolmentKind.REQUEST: "Anmodning, som KL følger op på",
    EnrolmentKind.MEMBERSHIP: "Medlemskab af et netværk eller forum",
    EnrolmentKind.NONE: "Ingen tilmelding",
}
_TEXT_LIMIT = 3000


def _option(value: str, label: str) -> Option:
    return Option(value=value, label=clip(label, 75))


def _text(block_id: str, label: str, value: str | None, *, multiline: bool = False, optional: bool = False, hint: str | None = None) -> InputBlock:
    element = PlainTextInputElement(action_id=VALUE, initial_value=value or None, multiline=multiline, max_length=_TEXT_LIMIT)
    return InputBlock(block_id=block_id, label=label, element=element, optional=optional, hint=hint)


def _select(block_id: str, label: str, options: list[Option], initial: str | None) -> InputBlock:
    chosen = next((o for o in options if o.value == initial), None)
    element = StaticSelectElement(action_id=VALUE, placeholder="Vælg", options=options, initial_option=chosen)
    return InputBlock(block_id=block_id, label=label, element=element)


def _fields(offer: Offer | None) -> list[Block]:
    """The Ret fields, filled with the offer's text (empty for a new offer)."""
    kinds = [_option(kind.value, label) for kind, label in KIND_LABELS.items()]
    return [
        _text("title", "Titel", offer.title if offer else None),
        _text("summary", "Kort beskrivelse", offer.summary if offer else None, multiline=True, hint="Vises på kortet i svarene."),
        _text("description", "Beskrivelse", offer.description if offer else None, multiline=True),
        _text("audience", "For hvem", offer.audience if offer else None),
        _text("frequency", "Hvornår", offer.frequency if offer else None, optional=True, hint="Tomt: botten siger ærligt, at det ikke er oplyst."),
        _text("fee", "Pris", offer.fee if offer else None, optional=True, hint="Tomt: botten siger ærligt, at det ikke er oplyst."),
        _select("enrolment.kind", "Sådan deltager man", kinds, offer.enrolment.kind.value if offer else EnrolmentKind.REQUEST.value),
        _text("enrolment.how", "Sådan deltager du (tekst)", offer.enrolment.how if offer else None, multiline=True),
        _text("keywords", "Søgeord", ", ".join(offer.keywords) if offer else None, multiline=True, optional=True,
              hint="Ord, som borgmestre kunne bruge om tilbuddet, adskilt af komma."),
    ]


def edit_modal(offer: Offer, seen: str) -> View:
    """``seen`` is the offer's fingerprint: a save over someone else's newer edit is refused."""
    retire = ActionsBlock(block_id="retire", elements=[
        ButtonElement(text="Tag ud af kataloget", action_id=RETIRE_ACTION, value=offer.id, style="danger"),
    ])
    blocks: list[Block] = [*_fields(offer), retire]
    return modal("Ret tilbud", blocks, callback_id=EDIT_CALLBACK, submit="Gem", metadata={"offer": offer.id, "seen": seen})


def new_modal(catalogue: Catalogue) -> View:
    groups = [_option(g.id.value, g.title) for g in catalogue.groups]
    sources = [_option(s.id, s.title) for s in catalogue.sources.values()]
    blocks: list[Block] = [
        *_fields(None),
        _select("group", "Gruppe", groups, None),
        _text("provider", "Udbyder", "KL"),
        _select("source.document", "Kilde", sources, next(iter(catalogue.sources), None)),
        _text("source.section", "Afsnit i kilden", None, hint="Hvor i kilden tilbuddet står, fx overskriften."),
    ]
    return modal("Nyt tilbud", blocks, callback_id=NEW_CALLBACK, submit="Opret", metadata={})


def retire_modal(offer: Offer, upcoming: list[SessionView]) -> View:
    """Says what retiring means; with dates still to come, staff choose what happens to them."""
    intro = (
        f"*{escape(offer.title)}* forsvinder fra svarene, /tilbud og fanen Hjem. Tilmeldinger og historik "
        "bevares, og en ældre version kan altid gøres gældende igen."
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=clip(intro, SECTION_TEXT)))]
    if upcoming:
        dates = "\n".join(f"• {moment_text(s.starts_at)} ({s.taken} tilmeldt, {s.waitlisted} på venteliste)" for s in upcoming[:20])
        if len(upcoming) > 20:
            dates += f"\n… og {len(upcoming) - 20} til; alle står i /deltagere {escape(offer.title)}."
        heading = f"Tilbuddet har {count(len(upcoming), 'kommende dato', 'kommende datoer')}:"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(f"{heading}\n{dates}", SECTION_TEXT))))
        choices = [
            _option(CANCEL, "Aflys datoerne – alle tilmeldte og ventende får besked"),
            _option(KEEP, "Behold datoerne – de holdes som planlagt"),
        ]
        blocks.append(InputBlock(
            block_id=SESSIONS, label="Hvad skal der ske med datoerne?", element=RadioButtonsElement(action_id=VALUE, options=choices),
        ))
    return modal("Tag ud af kataloget", blocks, callback_id=RETIRE_CALLBACK, submit="Tag ud", metadata={"offer": offer.id})


def staff_buttons(offer: Offer) -> ActionsBlock:
    """Ret and Bekræft uændret, for staff on a card, in Læs mere and on the Home tab."""
    return ActionsBlock(block_id=f"offer-staff:{offer.id}", elements=[
        ButtonElement(text="Ret", action_id=EDIT_ACTION, value=offer.id),
        ButtonElement(text="Bekræft uændret", action_id=CONFIRM_ACTION, value=offer.id),
    ])


def freshness_context(line: str | None) -> list[Block]:
    return [ContextBlock(elements=[MarkdownTextObject(text=clip(escape(line), CONTEXT_TEXT))])] if line else []
