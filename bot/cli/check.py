"""`borgmesterbot check`: every part of the set-up an operator can get wrong, one line each, ✓ or
✗ with what to do; the exit code is 1 when anything needs fixing (for scripts and deploy steps)."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="tjek opsætningen: tokens, scopes, database, katalog, medarbejdere, kanal")
    parser.set_defaults(handler=_check)


def _check(_args: argparse.Namespace) -> int:
    from bot.config import ConfigError, load_settings
    from bot.doctor import Finding, check_catalogue, check_database
    from bot.slack.doctor import slack_findings

    try:
        settings = load_settings()
    except ConfigError as error:
        findings = [Finding(False, "Indstillinger", str(error))]
    else:
        findings = [*slack_findings(settings), check_database(settings), check_catalogue(settings)]
    for finding in findings:
        print(finding.line())
    return 0 if all(f.ok for f in findings) else 1
