"""What django-ninja's generated OpenAPI document leaves out: that errors are problem documents
(application/problem+json), that every operation may answer 304, 400, 404 and 429, the
caching and rate-limit headers, and the CSV downloads' media type."""

from api.schemas import Problem

ERRORS = {
    400: "Ugyldig eller ukjent parameter (problem document, RFC 9457).",
    404: "Finnes ikke.",
    429: "For mange forespørsler fra denne adressen; prøv igjen etter Retry-After sekunder.",
}
MOVED = "Yrket har fått ny adresse (slug); Location peker dit."
PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
HEADERS = {
    "ETag": {"description": "Svarets versjon, for If-None-Match.", "schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}},
}
RETRY_AFTER = {"Retry-After": {"description": "Sekunder.", "schema": {"type": "integer"}}}


def _complete_operation(path, operation):
    # django-ninja keys the responses by number; JSON keys are text.
    responses = {str(status): response for status, response in operation["responses"].items()}
    operation["responses"] = responses
    ok = responses.setdefault("200", {"description": "OK"})
    if path.endswith(".csv"):
        ok["content"] = {"text/csv": {"schema": {"type": "string"}}}
    ok["headers"] = {**HEADERS}
    responses["304"] = {"description": "Uendret siden ETag-en i If-None-Match."}
    if "{slug}" in path:
        responses["301"] = {"description": MOVED}
    for status, description in ERRORS.items():
        response = {"description": description, "content": PROBLEM}
        if status == 429:
            response["headers"] = RETRY_AFTER
        responses[str(status)] = response


def complete_schema(schema):
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            _complete_operation(path, operation)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    return schema
