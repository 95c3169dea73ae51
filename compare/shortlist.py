"""Mine yrker: a shortlist of occupations kept in the visitor's own browser.

What is stored, all of it: one cookie, `yrke_mine`, whose value is the slugs of the saved
occupations joined by "." (`tannpleier.helsefagarbeider`), a timestamp and a signature made
with the site's SECRET_KEY (Django's signed cookies), so the server only ever reads back a list
it wrote itself. Nothing is stored on the server and nothing identifies the visitor.

It is not Django's session cookie on purpose: the page cache (pagecache/middleware.py) serves
every public page to a visitor with a shortlist just as to anyone else, since only the session
cookie makes it step aside. The cookie is readable by the page's script (not HttpOnly) so that
static/js/shortlist.js can show a saved occupation's button as "Fjern fra Mine yrker"; it holds
nothing secret.
"""

from urllib.parse import urlsplit

from django.conf import settings

from compare.selection import SLUG

COOKIE = "yrke_mine"
SALT = "compare.shortlist"
SEPARATOR = "."
MAX_ITEMS = 10
MAX_AGE = 365 * 24 * 60 * 60  # a year after the last change


def shortlist_read(request):
    """(slugs, unreadable): the saved slugs in the order they were saved; `unreadable` when a
    cookie is there but its signature does not hold (changed by hand, or another key)."""
    if COOKIE not in request.COOKIES:
        return [], False
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)
    if value is None:
        return [], True
    slugs = [slug for slug in value.split(SEPARATOR) if SLUG.match(slug)]
    return list(dict.fromkeys(slugs))[:MAX_ITEMS], False


def shortlist_write(response, slugs):
    """Store `slugs` in the response's cookie, or delete the cookie when there are none."""
    if not slugs:
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        COOKIE,
        SEPARATOR.join(slugs),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
        samesite="Lax",
    )


def request_is_same_origin(request):
    """Whether a form post comes from one of this site's own pages.

    The "Lagre yrket" form sits on pages that the page cache serves to everyone, so it cannot
    carry Django's per-visitor CSRF token. Browsers say where a request comes from instead:
    Sec-Fetch-Site (every current browser), else Origin, else Referer. A post from another
    site, or one that says nothing, is refused.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        if not (referer.scheme and referer.netloc):
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in getattr(
        settings, "CSRF_TRUSTED_ORIGINS", []
    )
