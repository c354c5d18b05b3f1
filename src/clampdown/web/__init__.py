"""The dashboard: server-rendered pages over the same queries as the API.

No page loads a script, font or style from another site, and no page needs a script at
all: filters are plain forms, charts are SVG drawn on the server. Jinja2 escapes every
value it prints, so article text is always text.
"""
