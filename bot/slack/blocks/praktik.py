"""/praktik: a mayor's opt-in to borgmesterpraktik with the button to change it, and for staff
the newest round's pairs with the buttons to pair again, swap two mayors and send."""
from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, HeaderBlock, InputBlock, UserSelectElement
from slack_sdk.models.views import View

from bot.danish import count
from bot.praktik.service import RoundView
from bot.slack.blocks.layout import modal, section
from bot.storage.models.praktik import RoundState

PRAKTIK_COMMAND = "/praktik"
PRAKTIK_OFFER = "borgmesterpraktik"
JOIN_ACTION = "praktik_join"
LEAVE_ACTION = "praktik_leave"
ROUND_ACTION = "praktik_round"
SWAP_ACTION = "praktik_swap"
SEND_ACTION = "praktik_send"
SWAP_CALLBACK = "praktik_swap"
FIRST, SECOND = "first", "second"


def join_button() -> ButtonElement:
    """On the borgmesterpraktik offer card and in /praktik."""
    return ButtonElement(text="Vær med i borgmesterpraktik", action_id=JOIN_ACTION, value=PRAKTIK_OFFER, style="primary")


def mayor_blocks(opted_in: bool) -> list[Block]:
    if opted_in:
        text = (
            "Du er med i borgmesterpraktik. Ved næste runde bliver du sat sammen med en borgmester fra en anden kommune, "
            "og I får en fælles besked, hvor I kan aftale et besøg."
        )
        button = ButtonElement(text="Meld mig fra", action_id=LEAVE_ACTION, value=PRAKTIK_OFFER)
    else:
        text = (
            "Borgmesterpraktik: du besøger en anden borgmester og følger hverdagen, fx et kommunalbestyrelsesmøde, og "
            "får selv besøg. Er du med, sætter jeg dig sammen med en borgmester fra en anden kommune ved hver runde."
        )
        button = join_button()
    return [section(text), ActionsBlock(block_id="praktik", elements=[button])]


def staff_blocks(latest: RoundView | None, opted_in: int) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), HeaderBlock(text="Runderne (for KL's medarbejdere)"), section(f"{count(opted_in, 'borgmester', 'borgmestre')} er med.")]
    buttons = [ButtonElement(text="Sæt sammen nu", action_id=ROUND_ACTION, value="round")]
    if latest is not None:
        state = "sendt" if latest.state is RoundState.SENT else "ikke sendt endnu"
        lines = [f"Runde {latest.period_name} ({state}):"]
        for pair in latest.pairs:
            mark = " (sendt)" if pair.introduced else (f" (fejl: {pair.error})" if pair.error else "")
            lines.append(" · " + " og ".join(p.label for p in pair.people) + mark)
        blocks.append(section("\n".join(lines)))
        if latest.state is RoundState.DRAFT:
            buttons.append(ButtonElement(text="Byt to", action_id=SWAP_ACTION, value=str(latest.id)))
        buttons.append(ButtonElement(text="Send introduktionerne", action_id=SEND_ACTION, value=str(latest.id), style="primary"))
    blocks.append(ActionsBlock(block_id="praktik-staff", elements=buttons))
    return blocks


def swap_modal(round_id: int) -> View:
    return modal("Byt to borgmestre", [
        section("De to borgmestre bytter plads mellem deres par."),
        InputBlock(block_id=FIRST, label="Borgmester", element=UserSelectElement(action_id="value")),
        InputBlock(block_id=SECOND, label="Bytter med", element=UserSelectElement(action_id="value")),
    ], callback_id=SWAP_CALLBACK, submit="Byt", metadata=str(round_id))
