"""Block Kit builders, one module per surface, built from ``slack_sdk.models`` classes.

Every builder escapes the text it did not write itself (``text.escape``) and keeps within
Slack's limits (``text.clip`` and ``pages``), so Slack never rejects a message the bot sends.
"""
