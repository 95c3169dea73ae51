"""Version 1 of the open-data API: the NinjaAPI, its errors as problem documents, and the
OpenAPI 3.1 document with every status an operation can answer."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from api import codes, exports, occupations, places, sources
from api.meta import API_VERSION
from api.openapi import complete_schema
from api.problems import ApiProblem, problem_response


class Renderer(JSONRenderer):
    # Norwegian text as written (æ, ø, å), not as \u escapes.
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return complete_schema(schema)


api = OpenDataAPI(
    title="yrke: åpne data",
    version=API_VERSION,
    description=(
        "Yrkesbeskrivelser, koder, steder og bedrifter per yrke, med kilde og lisens for hvert "
        "felt. Dokumentasjon: /api/"
    ),
    urls_namespace="api-v1",
    docs_url=None,
    renderer=Renderer(),
)
for router in (
    occupations.router,
    exports.router,
    places.router,
    codes.router,
    sources.router,
):
    api.add_router("", router)


def _validation_error(request, exc):
    errors = [
        {
            "parameter": str(error["loc"][-1]) if error.get("loc") else "",
            "message": error.get("msg", "ugyldig verdi"),
        }
        for error in exc.errors
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problem_response(request, 400, detail, errors)


api.add_exception_handler(ValidationError, _validation_error)
api.add_exception_handler(
    ApiProblem, lambda request, exc: problem_response(request, exc.status, exc.detail, exc.errors)
)
api.add_exception_handler(
    Http404,
    lambda request, exc: problem_response(request, 404, "Fant ingen ressurs med denne adressen."),
)
api.add_exception_handler(
    HttpError, lambda request, exc: problem_response(request, exc.status_code, str(exc))
)
api.add_exception_handler(occupations.MovedOccupation, occupations.moved_response)
