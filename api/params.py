"""Query parameters shared by the operations, and the checks the schema types cannot make:
unknown parameters, codes of the right form, dates a database can hold."""

import re
from datetime import datetime, time
from typing import Annotated

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Field, Path, Schema

from api.paging import DEFAULT_LIMIT, MAX_LIMIT
from api.problems import bad_parameter

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,140}$")


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Sidenummer, fra 1.")
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Rader per side, høyst {MAX_LIMIT}."
    )


def reject_unknown(request, *schemas):
    """400 for a query parameter no schema declares, so a mistyped filter is not ignored."""
    known = {name for schema in schemas for name in schema.model_fields}
    for name in request.GET:
        if name not in known:
            allowed = ", ".join(sorted(known)) or "ingen"
            raise bad_parameter(name, f"ukjent parameter; tillatt her: {allowed}")


def code(name, value, digits):
    """A register code of exactly `digits` digits, or None when not given."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == digits):
        raise bad_parameter(name, f"må ha {digits} sifre, ikke «{value[:20]}»")
    return value


def aware(name, moment):
    """A date and time as the database can compare it: in the site's time zone when it came
    without one, and within years a database keeps."""
    if moment is None:
        return None
    if not 1900 <= moment.year <= 9000:
        raise bad_parameter(name, "året må være mellom 1900 og 9000")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def moment(name, value):
    """An ISO 8601 date and time (or a date: its midnight), in Norwegian time when it has no
    time zone; 400 when it is not one."""
    if value is None:
        return None
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            parsed = None if day is None else datetime.combine(day, time())
    except ValueError:
        parsed = None
    if parsed is None:
        example = "2026-01-31T12:00:00Z"
        raise bad_parameter(name, f"ikke en dato og tid i ISO 8601, for eksempel {example}")
    return aware(name, parsed)


# Path parameters, with an example the documentation and the fuzzer (tests/api/) use.
OccupationSlug = Annotated[
    str, Path(description="Yrkets adresse (slug).", examples=["tannhelsesekretaer"])
]
CountyCode = Annotated[str, Path(description="Fylkesnummer, 2 sifre.", examples=["46"])]
StyrkCode = Annotated[str, Path(description="STYRK-08-kode, 1–4 sifre.", examples=["3251"])]
