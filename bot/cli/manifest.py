"""`borgmesterbot manifest [--url https://…]`: the app manifest to paste into Slack. With --url it is
the HTTP-mode manifest: Socket Mode off and the bot's one endpoint as every command's, the
events' and the interactivity's request URL, instead of eleven URLs edited by hand."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("manifest", help="skriv Slack-appens manifest (med --url: til HTTP-tilstand)")
    parser.add_argument("--url", help="bottens offentlige adresse, fx https://borgmesterbot.kl.dk (uden /slack/events)")
    parser.set_defaults(handler=_manifest)


def _manifest(args: argparse.Namespace) -> int:
    import yaml

    from bot.config import ConfigError
    from bot.slack.manifest import http_manifest, load_manifest

    if args.url is None:
        manifest = load_manifest()
    elif not args.url.startswith("https://") or len(args.url) <= len("https://"):
        raise ConfigError(f"--url skal være en https://-adresse (Slack sender kun til https), ikke '{args.url}'.")
    else:
        manifest = http_manifest(args.url)
    print(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=120), end="")
    return 0
