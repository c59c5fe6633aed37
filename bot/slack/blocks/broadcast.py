"""/udsend as Block Kit: the compose modal, the preview with the exact recipient count, the
outcome, and the list of scheduled broadcasts with their Godkend and Annullér buttons."""
from __future__ import annotations

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
    InputInteractiveElement,
    MarkdownTextObject,
    Option,
    OptionGroup,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.broadcast.audience import AUDIENCE_NAMES, AudienceChoices
from bot.broadcast.message import APPROVE_ACTION, CANCEL_ACTION, MAX_TEXT
from bot.broadcast.report import Figures, summary_line
from bot.broadcast.service import Preview
from bot.catalogue.model import Catalogue
from bot.clock import moment_text
from bot.slack.blocks.layout import section
from bot.slack.blocks.notice import notice_blocks
from bot.slack.blocks.pages import VIEW_BLOCKS
from bot.slack.blocks.text import CONTEXT_TEXT, clip, escape
from bot.storage.models.broadcast import BroadcastStatus

COMPOSE_CALLBACK = "broadcast_compose"
PREVIEW_CALLBACK = "broadcast_preview"
VALUE = "value"
"""Every input's action id; inputs are told apart by their block id."""

AUDIENCE, NETWORK, TARGET, MUNICIPALITIES = "audience", "network", "offer", "municipalities"
TEXT, BUTTON_OFFER, WHEN, SEND_DATE, SEND_TIME, ACK = "text", "button_offer", "when", "send_date", "send_time", "ack"
NOW, LATER = "now", "later"
COPENHAGEN_ZONE = "Europe/Copenhagen"
_OPTIONS = 100


def _option(value: str, label: str) -> Option:
    return Option(value=value, label=clip(label, 75))


def _select(placeholder: str, options: list[Option]) -> StaticSelectElement:
    return StaticSelectElement(action_id=VALUE, placeholder=placeholder, options=options[:_OPTIONS])


def _input(block_id: str, label: str, element: InputInteractiveElement, *, hint: str | None = None, optional: bool = True) -> InputBlock:
    return InputBlock(block_id=block_id, label=label, element=element, hint=hint, optional=optional)


def _target_select(choices: AudienceChoices, catalogue: Catalogue) -> StaticSelectElement:
    """Whole offers and single sessions in one list: Slack caps a select at 100 options."""
    offers = [_option(f"offer:{o.id}", o.title) for o in catalogue.offers]
    sessions = [_option(f"session:{sid}", label) for sid, label in choices.sessions][: _OPTIONS - len(offers)]
    groups = [OptionGroup(label="Tilbud", options=offers)]
    if sessions:
        groups.append(OptionGroup(label="Kommende sessioner", options=sessions))
    return StaticSelectElement(action_id=VALUE, placeholder="Vælg tilbud eller dato", option_groups=groups)


def compose_modal(choices: AudienceChoices, catalogue: Catalogue) -> View:
    audiences = [_option(kind.value, name) for kind, name in AUDIENCE_NAMES.items()]
    blocks: list[Block] = [
        _input(AUDIENCE, "Målgruppe", _select("Vælg målgruppe", audiences), optional=False),
    ]
    if choices.networks:
        networks = [_option(str(nid), name) for nid, name in choices.networks]
        blocks.append(_input(NETWORK, "Netværk", _select("Vælg netværk", networks), hint="Kun for målgruppen 'Medlemmer af et netværk'."))
    blocks += [
        _input(TARGET, "Tilbud eller dato", _target_select(choices, catalogue),
               hint="Kun for målgruppen 'Tilmeldte eller på venteliste'."),
        _input(MUNICIPALITIES, "Kommuner", PlainTextInputElement(action_id=VALUE, placeholder="fx Aarhus, Odense, Aalborg"),
               hint="Kun for målgruppen 'Borgmestre i udvalgte kommuner'. Adskil med komma."),
        _input(TEXT, "Besked", PlainTextInputElement(action_id=VALUE, multiline=True, max_length=MAX_TEXT),
               hint="Slack-formatering virker: *fed*, _kursiv_, <https://kl.dk|links>.", optional=False),
        _input(BUTTON_OFFER, "Knap til et tilbud", _select("Intet tilbud", [_option(o.id, o.title) for o in catalogue.offers]),
               hint="Modtagerne kan åbne tilbuddet direkte fra beskeden."),
        _input(WHEN, "Hvornår", RadioButtonsElement(
            action_id=VALUE, initial_option=_option(NOW, "Send nu"),
            options=[_option(NOW, "Send nu"), _option(LATER, "Send på tidspunktet herunder")],
        ), optional=False),
        _input(SEND_DATE, "Dato", DatePickerElement(action_id=VALUE, placeholder="Vælg dato")),
        _input(SEND_TIME, "Klokkeslæt (dansk tid)", TimePickerElement(action_id=VALUE, placeholder="Vælg tid", timezone=COPENHAGEN_ZONE)),
        _input(ACK, "Kvittering", CheckboxesElement(action_id=VALUE, options=[_option("yes", "Bed modtagerne trykke 'Læst'")])),
    ]
    return View(type="modal", callback_id=COMPOSE_CALLBACK, title="Ny udsendelse", submit="Forhåndsvis", close="Annullér", blocks=blocks)


def preview_modal(preview: Preview) -> View:
    """What will be sent, to how many, and when; submitting it confirms."""
    when = moment_text(preview.send_at) if preview.send_at else "straks, når du trykker Send"
    facts = f"*Modtagere:* {preview.recipient_count} ({escape(preview.audience_label)})\n*Afsendes:* {when}"
    if preview.needs_approval:
        facts += "\n*Godkendelse:* en kollega skal godkende udsendelsen, før den går ud"
    shown = [b for b in notice_blocks(preview.notice) if b.type != "actions"]
    blocks: list[Block] = [
        section(facts, markup=True),
        DividerBlock(),
        ContextBlock(elements=[PlainTextObject(text="Sådan ser beskeden ud:")]),
        *shown,
    ]
    if preview.notice.buttons:
        labels = " · ".join(f"[{escape(b.label)}]" for b in preview.notice.buttons)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(f"Knapper: {labels}", CONTEXT_TEXT))]))
    submit = "Send til godkendelse" if preview.needs_approval else ("Planlæg" if preview.send_at else "Send")
    return View(
        type="modal", callback_id=PREVIEW_CALLBACK, private_metadata=str(preview.broadcast_id),
        title="Forhåndsvisning", submit=submit, close="Annullér", blocks=blocks[:VIEW_BLOCKS], notify_on_close=True,
    )


def upcoming_blocks(rows: list[Figures], viewer_id: str) -> list[Block]:
    """Each broadcast not yet done, with Annullér until it starts and Godkend for colleagues."""
    blocks: list[Block] = [HeaderBlock(text="Planlagte udsendelser")]
    if not rows:
        blocks.append(SectionBlock(text="Der er ingen planlagte udsendelser. Skriv /udsend for at lave en."))
        return blocks
    for f in rows[:20]:
        excerpt = clip(f.text.replace("\n", " "), 200)
        blocks.append(section(f"*{escape(summary_line(f))}*\n{excerpt}", markup=True))
        buttons = []
        if f.status is BroadcastStatus.AWAITING_APPROVAL and f.author_id != viewer_id:
            buttons.append(ButtonElement(text="Godkend", action_id=APPROVE_ACTION, value=str(f.broadcast_id), style="primary"))
        if f.status in (BroadcastStatus.AWAITING_APPROVAL, BroadcastStatus.SCHEDULED):
            buttons.append(ButtonElement(
                text="Annullér", action_id=CANCEL_ACTION, value=str(f.broadcast_id), style="danger",
                confirm=ConfirmObject(title="Annullér udsendelsen?", text=f"Udsendelse #{f.broadcast_id} bliver ikke sendt.",
                                      confirm="Annullér den", deny="Behold den"),
            ))
        if buttons:
            blocks.append(ActionsBlock(block_id=f"broadcast:{f.broadcast_id}", elements=buttons))
    return blocks


def upcoming_fallback(rows: list[Figures]) -> str:
    return f"Planlagte udsendelser: {len(rows)}"
