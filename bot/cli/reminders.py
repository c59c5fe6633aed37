"""`borgmesterbot reminders settings|forum|upcoming|cancel|status|resend`: when reminders go out,
the dates of the fora every mayor belongs to, and the delivery log."""
from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import timedelta

from bot.cli.networks import confirming_day_off, meeting_options, with_services
from bot.clock import moment_text, parse_local, utcnow
from bot.danish import count
from bot.reminders.hotline import next_hotline_round
from bot.reminders.notices import rhythm
from bot.reminders.policy import parse_offsets, parse_quiet
from bot.reminders.quiet import quiet_text
from bot.reminders.text import meeting_lines
from bot.services import Services


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reminders", help="påmindelser: indstillinger, mødedatoer for B98 m.fl., afsendelser")
    actions = parser.add_subparsers(dest="reminders_action", required=True, metavar="HANDLING")

    settings = actions.add_parser("settings", help="vis eller ret hvornår påmindelserne sendes")
    settings.add_argument("--dage", help="påmindelser før møder, dage før, fx '14,1'")
    settings.add_argument("--hotline-maaneder", type=int, help="hotline-påmindelsen hver n. måned (3 = hvert kvartal)")
    settings.add_argument("--klokken", type=int, help="klokkeslæt (dansk tid) påmindelserne sendes, 7-20")
    settings.add_argument("--henstand", type=int, help="timer en påmindelse må komme for sent, hvis botten har været nede")
    settings.add_argument("--stille", help="stille timer uden beskeder, fra-til i dansk tid, fx '20-7' (samme to tal: ingen)")
    settings.add_argument("--weekender", choices=("ja", "nej"), help="er weekenden stille (ingen beskeder)?")
    settings.add_argument("--helligdage", choices=("ja", "nej"), help="er helligdage stille (ingen beskeder)?")
    settings.add_argument("--vaert-dage", type=int, help="dage før en vært, der ikke har valgt dato, mindes (og igen før KL får besked)")
    settings.set_defaults(handler=_settings)

    forum = actions.add_parser("forum", help="sæt en mødedato for et forum alle borgmestre er med i (fx b98)")
    forum.add_argument("tilbud", help="tilbuddets id, fx b98 eller borgmestersamlinger")
    meeting_options(forum)
    forum.set_defaults(handler=_forum)

    actions.add_parser("upcoming", help="vis kommende møder").set_defaults(handler=_upcoming)
    cancel = actions.add_parser("cancel", help="aflys et planlagt møde; de inviterede får en kalenderfil, der fjerner det")
    cancel.add_argument("id", type=int, help="mødets nummer (se reminders upcoming)")
    cancel.set_defaults(handler=_cancel)

    actions.add_parser("status", help="vis afsendelser det sidste døgn og dem, der skal ses efter").set_defaults(handler=_status)
    resend = actions.add_parser("resend", help="send en usikker eller fejlet påmindelse igen, når du har tjekket den")
    resend.add_argument("id", type=int, help="afsendelsens nummer (se reminders status)")
    resend.set_defaults(handler=_resend)


def _settings(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        policy = services.reminder_policy.get()
        changes = {
            "meeting_offsets_days": parse_offsets(args.dage) if args.dage else None,
            "hotline_every_months": args.hotline_maaneder,
            "send_hour": args.klokken,
            "grace_hours": args.henstand,
        }
        changes = {name: value for name, value in changes.items() if value is not None}
        quiet = policy.quiet
        if args.stille:
            start, end = parse_quiet(args.stille)
            quiet = replace(quiet, from_hour=start, until_hour=end)
        if args.weekender:
            quiet = replace(quiet, weekends=args.weekender == "ja")
        if args.helligdage:
            quiet = replace(quiet, holidays=args.helligdage == "ja")
        if quiet != policy.quiet:
            changes["quiet"] = quiet
        if args.vaert_dage is not None:
            changes["host_reminder_days"] = args.vaert_dage
        if changes:
            policy = services.reminder_policy.set(replace(policy, **changes), updated_by="cli")
            print("Indstillingerne er gemt.")
        days = " og ".join(count(d, "dag", "dage") for d in policy.meeting_offsets_days)
        print(f"Påmindelser før møder: {days} før, kl. {policy.send_hour:02d}.00 dansk tid")
        print(f"Hotline-påmindelse: {rhythm(policy.hotline_every_months)}; næste {moment_text(next_hotline_round(utcnow(), policy).fires_at)}")
        print(f"Henstand, hvis botten har været nede: {count(policy.grace_hours, 'time', 'timer')}")
        print(f"Stille (ingen beskeder): {quiet_text(policy.quiet)}")
        print(f"En vært, der ikke har valgt dato, mindes efter {count(policy.host_reminder_days, 'dag', 'dage')}; KL får besked efter {2 * policy.host_reminder_days}")

    return with_services(run)


def _forum(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        starts_at = parse_local(args.start)
        meeting = confirming_day_off(args, lambda confirmed: services.meetings.set_forum_meeting(
            args.tilbud, starts_at, args.sted, args.dagsorden, by="cli", holiday_confirmed=confirmed
        ))
        print("Mødet er sat. Alle borgmestre får påmindelser før mødet.")
        print("\n".join(meeting_lines(meeting)))

    return with_services(run)


def _upcoming(_args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        meetings = services.meetings.upcoming()
        print("\n".join(line for m in meetings for line in meeting_lines(m)) or "Ingen planlagte møder.")

    return with_services(run)


def _cancel(args: argparse.Namespace) -> int:
    return with_services(lambda services: print(f"Aflyst: {services.meetings.cancel(args.id).title}. De inviterede får besked."))


def _status(_args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        counts = services.reminder_log.counts(utcnow() - timedelta(days=1))
        print("Det sidste døgn: " + (", ".join(f"{state.value} {n}" for state, n in sorted(counts.items())) or "ingen påmindelser"))
        problems = services.reminder_log.problems()
        if not problems:
            print("Ingen påmindelser skal ses efter.")
        for p in problems:
            print(f"#{p.id} {p.reminder_key} til {p.member} ({p.slack_user_id}): {p.state.value}, {p.error or 'ukendt fejl'}")

    return with_services(run)


def _resend(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        services.reminder_log.resend(args.id, utcnow())
        print("Påmindelsen sendes igen ved næste kørsel, hvis den stadig er aktuel.")

    return with_services(run)
