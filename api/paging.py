"""Page-number paging with a limit: `page` from 1, `limit` up to MAX_LIMIT. A page past the
last one is an error (400), not an empty list, so a client that skips pages notices."""

from math import ceil
from urllib.parse import urlencode

from api.problems import bad_parameter

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def page_links(request, page, pages):
    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")

    return {
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if page > 1 else None,
    }


def paginate(request, queryset, *, page, limit, count=None):
    """{count, page, pages, limit, next, previous} and the page's rows (a list)."""
    count = queryset.count() if count is None else count
    pages = max(1, ceil(count / limit))
    if page > pages:
        message = f"siden finnes ikke; listen har {pages} sider med limit={limit}"
        raise bad_parameter("page", message)
    offset = (page - 1) * limit
    rows = list(queryset[offset : offset + limit])
    paging = {"count": count, "page": page, "pages": pages, "limit": limit}
    return {**paging, **page_links(request, page, pages)}, rows
