"""Errors as RFC 9457 problem documents (application/problem+json): type, title, status,
detail, and for bad parameters the parameter and what was wrong with it."""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

PROBLEM_TYPES = {
    400: ("invalid-parameter", "Ugyldig parameter"),
    404: ("not-found", "Finnes ikke"),
    405: ("method-not-allowed", "Metoden er ikke tillatt"),
    429: ("rate-limited", "For mange forespørsler"),
}


class ApiProblem(Exception):
    """Raised by an operation: answered with a problem document of this status."""

    def __init__(self, status, detail, *, errors=None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []


def bad_parameter(name, message):
    return ApiProblem(400, f"{name}: {message}", errors=[{"parameter": name, "message": message}])


def problem_document(request, status, detail, errors=()):
    slug, title = PROBLEM_TYPES[status]
    document = {
        "type": request.build_absolute_uri(reverse("api-docs:docs")) + f"#problem-{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
    }
    if errors:
        document["errors"] = list(errors)
    return document


def problem_response(request, status, detail, errors=(), headers=None):
    """A problem document; never stored by a cache (it says why this one request failed)."""
    response = HttpResponse(
        json.dumps(problem_document(request, status, detail, errors), ensure_ascii=False),
        status=status,
        content_type="application/problem+json",
        headers=headers,
    )
    patch_cache_control(response, no_store=True)
    return response
