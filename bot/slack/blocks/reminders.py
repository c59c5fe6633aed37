"""Networks, meetings and the hotline reminder in Slack: /netvaerk for members and staff, the
staff modals (new network, members, next meeting), the App Home's "Næste møder" and
/paamindelser. Everything shown here comes from the reminders domain as plain values."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.clock import local, moment_text
from bot.danish import count
from bot.reminders.meetings import MAX_AGENDA, MAX_PLACE, MeetingDraft, MeetingInfo
from bot.reminders.networks import MAX_NAME, NetworkInfo
from bot.reminders.notices import HOTLINE_OPT_IN_ACTION, HOTLINE_OPT_OUT_ACTION, rhythm
from bot.reminders.people import Person
from bot.services import Services
from bot.slack.blocks.layout import modal, section
from bot.slack.blocks.text import SECTION_TEXT, clip, escape

NETWORKS_COMMAND = "/netvaerk"
REMINDERS_COMMAND = "/paamindelser"

CREATE_ACTION = "reminders_network_create"
FORUM_ACTION = "reminders_forum_meeting"
HOST_ACTION = "reminders_network_host"
FORUM_CALLBACK = "reminders_forum_meeting"
HOST_CALLBACK = "reminders_network_host"
FORUM = "forum"
MEMBERS_ACTION = "reminders_network_members"
MEETING_ACTION = "reminders_network_meeting"
CREATE_CALLBACK = "reminders_network_create"
MEMBERS_CALLBACK = "reminders_network_members"
MEETING_CALLBACK = "reminders_network_meeting"

VALUE = "value"
NAME, MEMBERS, DATE, TIME, PLACE, AGENDA, HOST, HOLIDAY_OK = (
    "name", "members", "date", "time", "place", "agenda", "host", "holiday_ok"
)
FIELD_BLOCKS = {"name": NAME, "members": MEMBERS, "starts_at": DATE, "place": PLACE, "agenda": AGENDA, "host": HOST, "offer_id": FORUM}
"""Domain field (ReminderError.field) → the input block its message is shown under."""

HOME_MEETINGS = 3
NO_NETWORK = (
    "Du er ikke med i et borgmesternetværk endnu. Et netværk er en mindre kreds af borgmestre, der mødes en "
    "gang i kvartalet med værtsrollen på skift. Spørg mig om »borgmesternetværk« for at høre, hvordan du kommer med."
)


def _who(person: Person) -> str:
    return escape(person.label)


def meeting_section(meeting: MeetingInfo) -> SectionBlock:
    lines = [f"*{escape(meeting.title)}*", f"{moment_text(meeting.starts_at)}, {escape(meeting.place)}"]
    if meeting.host:
        lines.append(f"Vært: {_who(meeting.host)}")
    if meeting.agenda:
        lines.append(f"Dagsorden: {escape(meeting.agenda)}")
    if meeting.holiday:
        lines.append(f":warning: Dagen er {escape(meeting.holiday)}.")
    return section("\n".join(lines), markup=True)


def member_blocks(meetings: Sequence[MeetingInfo], networks: Sequence[NetworkInfo]) -> list[Block]:
    """What /netvaerk shows a member: their next meetings and their networks."""
    blocks: list[Block] = [HeaderBlock(text="Dine næste møder")]
    if meetings:
        blocks += [meeting_section(m) for m in meetings]
    else:
        blocks.append(section("Der er ingen planlagte møder for dig lige nu.", markup=True))
    if networks:
        mine = "; ".join(f"*{escape(n.name)}*: {', '.join(_who(p) for p in n.members)}" for n in networks)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(f"Dine netværk: {mine}", SECTION_TEXT))]))
    else:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=NO_NETWORK)]))
    return blocks


def staff_blocks(networks: Sequence[NetworkInfo], planned: dict[int, MeetingInfo]) -> list[Block]:
    """The staff part of /netvaerk: every network with its next meeting and the admin buttons."""
    blocks: list[Block] = [
        DividerBlock(),
        HeaderBlock(text="Netværkene (for KL's medarbejdere)"),
        ActionsBlock(block_id="networks", elements=[
            ButtonElement(text="Nyt netværk", action_id=CREATE_ACTION, value="new"),
            ButtonElement(text="B98 og borgmestersamlinger", action_id=FORUM_ACTION, value="forum"),
        ]),
    ]
    if not networks:
        blocks.append(section("Der er ingen netværk endnu.", markup=True))
    for network in networks:
        meeting = planned.get(network.id)
        when = f"{moment_text(meeting.starts_at)}, {escape(meeting.place)}" if meeting else "intet møde sat"
        text = f"*{escape(network.name)}* ({count(len(network.members), 'medlem', 'medlemmer')})\nNæste møde: {when}"
        if meeting and meeting.holiday:
            text += f"\n:warning: Dagen er {escape(meeting.holiday)}."
        blocks.append(section(text, markup=True))
        blocks.append(ActionsBlock(block_id=f"network-{network.id}", elements=[
            ButtonElement(text="Medlemmer", action_id=MEMBERS_ACTION, value=str(network.id)),
            ButtonElement(text="Skift vært", action_id=HOST_ACTION, value=str(network.id)),
            ButtonElement(text="Næste møde", action_id=MEETING_ACTION, value=str(network.id), style="primary"),
        ]))
    return blocks


def create_network_modal() -> View:
    name = PlainTextInputElement(action_id=VALUE, max_length=MAX_NAME, placeholder="fx Netværk Midt")
    return modal("Nyt netværk", [InputBlock(block_id=NAME, label="Netværkets navn", element=name)], callback_id=CREATE_CALLBACK, submit="Opret")


def members_modal(network: NetworkInfo) -> View:
    picker = UserMultiSelectElement(action_id=VALUE, initial_users=[p.slack_user_id for p in network.members] or None)
    return modal("Medlemmer", [
        section(f"*{escape(network.name)}*: tilføj eller fjern borgmestre.", markup=True),
        InputBlock(block_id=MEMBERS, label="Medlemmer", element=picker, optional=True),
    ], callback_id=MEMBERS_CALLBACK, submit="Gem", metadata=str(network.id))


def _person_option(person: Person) -> Option:
    return Option(value=person.slack_user_id, label=clip(person.label, 75))


def meeting_modal(draft: MeetingDraft) -> View:
    """Pre-filled with the planned meeting, or with the host whose turn it is."""
    planned = draft.planned
    starts = local(planned.starts_at) if planned else None
    host = (planned.host if planned else None) or draft.proposed_host
    turn = f"Værten efter tur er {_who(draft.proposed_host)}." if draft.proposed_host else "Netværket har ingen medlemmer endnu."
    blocks: list[Block] = [
        section(f"*{escape(draft.network_name)}*: {'ret det planlagte møde' if planned else 'sæt næste møde'}.", markup=True),
        ContextBlock(elements=[MarkdownTextObject(text=f"{turn} Medlemmerne får påmindelser før mødet.")]),
        *_when_inputs(starts),
        InputBlock(block_id=PLACE, label="Sted", element=PlainTextInputElement(
            action_id=VALUE, max_length=MAX_PLACE, initial_value=planned.place if planned else None, placeholder="fx Vejle Rådhus"
        )),
        InputBlock(block_id=AGENDA, label="Dagsorden", optional=True, element=PlainTextInputElement(
            action_id=VALUE, multiline=True, max_length=MAX_AGENDA, initial_value=planned.agenda if planned and planned.agenda else None
        )),
    ]
    if draft.members:
        options = [_person_option(p) for p in draft.members]
        initial = next((o for o in options if host and o.value == host.slack_user_id), None)
        blocks.append(InputBlock(block_id=HOST, label="Vært", element=StaticSelectElement(action_id=VALUE, options=options, initial_option=initial)))
    blocks.append(day_off_box())
    return modal("Næste møde", blocks, callback_id=MEETING_CALLBACK, submit="Gem", metadata=str(draft.network_id))


def _when_inputs(starts: datetime | None = None) -> list[Block]:
    return [
        InputBlock(block_id=DATE, label="Dato", element=DatePickerElement(action_id=VALUE, initial_date=f"{starts:%Y-%m-%d}" if starts else None)),
        InputBlock(block_id=TIME, label="Klokken (dansk tid)", element=TimePickerElement(action_id=VALUE, initial_time=f"{starts:%H:%M}" if starts else "10:00")),
    ]


def forum_modal(fora: Sequence[tuple[str, str]]) -> View:
    """A date for B98 or a borgmestersamling: every mayor is invited and reminded."""
    options = [Option(value=offer_id, label=clip(title, 75)) for offer_id, title in fora]
    return modal("Dato for alle", [
        ContextBlock(elements=[MarkdownTextObject(text="Alle borgmestre får invitationen med en kalenderfil og påmindelser før mødet.")]),
        InputBlock(block_id=FORUM, label="Møde", element=StaticSelectElement(action_id=VALUE, options=options, initial_option=options[0])),
        *_when_inputs(),
        InputBlock(block_id=PLACE, label="Sted", element=PlainTextInputElement(action_id=VALUE, max_length=MAX_PLACE, placeholder="fx Aalborg Kongres & Kultur Center")),
        InputBlock(block_id=AGENDA, label="Dagsorden", optional=True, element=PlainTextInputElement(action_id=VALUE, multiline=True, max_length=MAX_AGENDA)),
        day_off_box(),
    ], callback_id=FORUM_CALLBACK, submit="Gem")


def host_modal(draft: MeetingDraft, asked: Person | None) -> View:
    """Staff give this period's host role to another member, who is asked at once."""
    options = [_person_option(p) for p in draft.members]
    now = f"Spurgt nu: {_who(asked)}." if asked else "Ingen er spurgt endnu i denne periode."
    return modal("Skift vært", [
        section(f"*{escape(draft.network_name)}*: {now}", markup=True),
        InputBlock(block_id=HOST, label="Ny vært", element=StaticSelectElement(action_id=VALUE, options=options)),
    ], callback_id=HOST_CALLBACK, metadata=str(draft.network_id), submit="Spørg")


def day_off_box() -> InputBlock:
    """Ticked, the domain's HolidayNotConfirmed lets a weekend or holiday date through."""
    return InputBlock(block_id=HOLIDAY_OK, label="Weekend og helligdage", optional=True, element=CheckboxesElement(
        action_id=VALUE, options=[Option(value="yes", label="Ja, mødet holdes, selv om det er en weekend eller en helligdag")]
    ))


def upcoming_section(services: Services, user_id: str) -> list[Block]:
    """The App Home's "Næste møder": nothing at all when the user has none."""
    meetings = services.meetings.upcoming_for(user_id, limit=HOME_MEETINGS)
    if not meetings:
        return []
    return [DividerBlock(), HeaderBlock(text="Næste møder"), *[meeting_section(m) for m in meetings],
            ContextBlock(elements=[MarkdownTextObject(text=f"Se alle dine møder med {NETWORKS_COMMAND}.")])]


def hotline_setting_blocks(opted_out: bool, every_months: int) -> list[Block]:
    """/paamindelser and the answer to the opt-out button: the state, and the way back."""
    if opted_out:
        text = (
            "Du får *ikke* den faste påmindelse om KL's hotline. Hotlinen står stadig i mine svar, når du "
            "spørger om chikane eller trusler, og /hotline viser den altid."
        )
        button = ButtonElement(text="Slå påmindelsen til igen", action_id=HOTLINE_OPT_IN_ACTION, value="on")
    else:
        text = f"Du får en påmindelse om KL's hotline om chikane, trusler, hærværk og vold {rhythm(every_months)}."
        button = ButtonElement(text="Slå påmindelsen fra", action_id=HOTLINE_OPT_OUT_ACTION, value="off")
    return [section(text, markup=True), ActionsBlock(block_id="hotline-reminder", elements=[button])]
