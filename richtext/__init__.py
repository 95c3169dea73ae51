"""Editor-written Markdown as the small, safe HTML subset the public pages allow.

`render.py` turns Markdown into sanitised HTML; `fields.py` stores that HTML beside the
Markdown at every save, so pages print it without converting anything per request.
"""
