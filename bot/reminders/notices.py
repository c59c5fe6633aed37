"""The reminders as Notices (bot.notify): meetings and sessions with an .ics file, the hotline
details, and the welcome DM for a new mayor. Plain data in, a Notice out; no database here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.answers.hotline import contact_line, hotline_details, hotline_text
from bot.calendar.ics import CalendarEvent, to_ics
from bot.catalogue.model import Catalogue
from bot.clock import local, moment_text
from bot.danish import count
from bot.enrolment.ics import session_file
from bot.enrolment.results import SessionView
from bot.notify import Notice, NoticeButton, NoticeFile

HOTLINE_OPT_OUT_ACTION = "reminders_hotline_opt_out"
HOTLINE_OPT_IN_ACTION = "reminders_hotline_opt_in"
# The fora every mayor belongs to by office, as KL's welcome letter lists them; only B98 is an
# offer in the catalogue.
BORN_FORA = ("borgmesterkredsen (B98)", "KL's repræsentantskab", "KKR")
_RHYTHM = {1: "hver måned", 3: "hvert kvartal", 6: "hvert halve år", 12: "en gang om året"}


@dataclass(frozen=True)
class Occasion:
    """A meeting or session as a reminder shows it."""

    uid: str
    title: str
    starts_at: datetime
    place: str
    ends_at: datetime | None = None
    agenda: str = ""
    host: str | None = None
    network: str | None = None
    sequence: int = 0
    cancelled: bool = False
    organizer: str | None = None


def when(starts_at: datetime, now: datetime) -> str:
    days = (local(starts_at).date() - local(now).date()).days
    return {0: "i dag", 1: "i morgen"}.get(days, f"om {count(days, 'dag', 'dage')}")


def rhythm(every_months: int) -> str:
    return _RHYTHM.get(every_months, f"hver {every_months}. måned")


def _calendar_file(occasion: Occasion, now: datetime) -> NoticeFile:
    event = CalendarEvent(
        uid=occasion.uid, title=occasion.title, start=occasion.starts_at, end=occasion.ends_at,
        location=occasion.place, description=occasion.agenda,
        sequence=occasion.sequence, cancelled=occasion.cancelled, organizer=occasion.organizer,
    )
    filename = "aflysning.ics" if occasion.cancelled else "invitation.ics"
    return NoticeFile(filename=filename, content=to_ics(event, stamp=now), title=f"{occasion.title} (kalender)")


def _facts(occasion: Occasion) -> tuple[tuple[str, str], ...]:
    facts = [("Hvornår", moment_text(occasion.starts_at)), ("Hvor", occasion.place)]
    if occasion.host:
        facts.append(("Vært", occasion.host))
    if occasion.agenda:
        facts.append(("Dagsorden", occasion.agenda))
    return tuple(facts)


def occasion_notice(occasion: Occasion, now: datetime, *, is_host: bool = False) -> Notice:
    """A reminder ahead of a meeting or session; the host gets the host's version."""
    moment = moment_text(occasion.starts_at)
    if is_host:
        title = f"Du er vært: {occasion.title} {when(occasion.starts_at, now)}"
        text = (
            f"Du er vært for næste møde i {occasion.network or 'netværket'}, {moment}, {occasion.place}. "
            "Værtsrollen går på skift i netværket. Det er jer, der bestemmer dagsordenen, og netværkets "
            "KL-chef faciliterer mødet. Giv gerne deltagerne besked om praktiske forhold i god tid."
        )
    else:
        title = f"Påmindelse: {occasion.title} {when(occasion.starts_at, now)}"
        text = f"{occasion.title} holdes {moment}, {occasion.place}."
        if occasion.host:
            text += f" Værten er {occasion.host}."
    text += " Kalenderfilen er vedhæftet."
    return Notice(text=text, title=title, facts=_facts(occasion), file=_calendar_file(occasion, now))


def invitation_notice(occasion: Occasion, now: datetime, *, is_host: bool = False) -> Notice:
    """Sent when a meeting is set, changed or cancelled, with the .ics that puts it in the
    calendar, updates it there (a higher SEQUENCE) or removes it (METHOD:CANCEL)."""
    moment = moment_text(occasion.starts_at)
    if occasion.cancelled:
        title = f"Aflyst: {occasion.title}"
        text = f"{occasion.title} {moment}, {occasion.place} er aflyst. Kalenderfilen fjerner mødet fra din kalender."
        return Notice(text=text, title=title, facts=_facts(occasion), file=_calendar_file(occasion, now))
    if occasion.sequence == 0:
        title = f"Invitation: {occasion.title}"
        text = f"Du er inviteret til {occasion.title} {moment}, {occasion.place}."
        if is_host:
            text = f"Du er vært for {occasion.title} {moment}, {occasion.place}. Alle i netværket har fået invitationen."
        text += " Læg kalenderfilen i din kalender; du får også en påmindelse før mødet."
    else:
        title = f"Ændret: {occasion.title}"
        text = f"{occasion.title} er ændret. Det holdes nu {moment}, {occasion.place}. Kalenderfilen opdaterer aftalen i din kalender."
    return Notice(text=text, title=title, facts=_facts(occasion), file=_calendar_file(occasion, now))


def session_reminder(view: SessionView, now: datetime) -> Notice:
    """A reminder before a session the mayor is enrolled in; the .ics has the session's own UID,
    so it updates the entry the enrolment confirmation put in the calendar."""
    return Notice(
        title=f"Påmindelse: {view.name} {when(view.starts_at, now)}",
        text=f"Du er tilmeldt {view.name} {view.when}, {view.where}. Kalenderfilen er vedhæftet. "
        f"Kan du alligevel ikke, så afmeld med /afmeld {view.offer_title}, så går pladsen videre.",
        facts=(("Hvornår", view.when), ("Hvor", view.where)),
        file=session_file(view, stamp=now),
    )


def hotline_reminder(catalogue: Catalogue, every_months: int) -> Notice:
    """The periodic reminder, which the mayor can turn off."""
    text = (
        "Chikane, trusler, hærværk og vold mod borgmestre er et stigende problem, og det kan også ramme "
        "din familie og dine nærmeste. Du står ikke alene med det.\n\n"
        f"{hotline_text(hotline_details(catalogue))}\n\n"
        f"Du får denne påmindelse {rhythm(every_months)}. Du kan slå den fra; hotlinen står stadig i mine "
        "svar, når du spørger om chikane eller trusler."
    )
    return Notice(
        text=text,
        title="KL's hotline, hvis du bliver chikaneret eller truet",
        buttons=(NoticeButton("Slå påmindelsen fra", HOTLINE_OPT_OUT_ACTION, value="off"),),
    )


def welcome_notice(name: str, networks: tuple[str, ...], catalogue: Catalogue, *, first_term: bool) -> Notice:
    """In the spirit of KL's welcome letter: congratulations for a new mayor, a new period for a
    re-elected one; the fora, the networks, the letter's newsletters, the borgmesterforløb, the
    samling for nye borgmestre (new mayors only), KL's contact once, and the hotline."""
    fora = ", ".join(BORN_FORA[:-1]) + " og " + BORN_FORA[-1]
    if networks:
        network_line = f"Du er med i borgmesternetværket {' og '.join(networks)}. Jeg minder dig om møderne."
    else:
        network_line = (
            "Du kan også blive del af et borgmesternetværk: en mindre kreds af borgmestre, der mødes en gang i "
            "kvartalet med værtsrollen på skift. Spørg mig om borgmesternetværk for at høre mere."
        )
    greeting = "Tillykke med valget til borgmester." if first_term else "Velkommen til en ny valgperiode som borgmester."
    offers = [o for o in (catalogue.get(i) for i in _welcome_offers(first_term)) if o is not None]
    offer_lines = "".join(f"\n\n*{offer.title}*: {offer.summary}" for offer in offers)
    contact = catalogue.contact
    details = hotline_details(catalogue)
    # Without a hotline number the hotline text names KL's contact itself; then it is not given twice.
    contact_text = ("" if details.phone is None else f"Din kontakt i {contact_line(contact)}. ") + (contact.note or "")
    contact_text = f"\n\n{contact_text.rstrip()}" if contact_text.strip() else ""
    text = (
        f"Kære {name}\n\n{greeting} Jeg er KL's assistent i Slack: spørg mig om KL's og "
        "Komponents tilbud til borgmestre, når du vil, fx 'mentorordning' eller 'hvad er B98?'.\n\n"
        f"Som borgmester er du født medlem af flere mødefora i KL: {fora}. {network_line}"
        f"{offer_lines}{contact_text}\n\n{hotline_text(details)}"
    )
    return Notice(text=text, title="Velkommen til Borgmesterbot")


def _welcome_offers(first_term: bool) -> tuple[str, ...]:
    """The welcome letter's offers in the catalogue: the samling is for new mayors only."""
    return ("samling-nye-borgmestre", "borgmesterforlob", "nyhedsbreve") if first_term else ("borgmesterforlob", "nyhedsbreve")
