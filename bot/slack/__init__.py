"""The Slack adapter: it translates between Slack and the domain and holds no rules of its own.

``app.py`` builds the Bolt app, ``listeners/`` hold one folder per Slack feature, ``blocks/`` the
Block Kit builders, ``http.py`` and ``socket_mode.py`` the two ways of connecting to Slack.
"""
