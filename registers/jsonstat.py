"""JSON-stat 2.0 datasets, the format Statistics Norway's PxWebApi returns with `json-stat2`.

A dataset names its dimensions in `id`, their sizes in `size` and their categories in
`dimension`; `value` holds one number (or null) per combination of categories, row-major over
`id` (the last dimension varies fastest), and `status` marks cells with SSB's symbols
("." cannot occur, ".." not available, ":" not published for confidentiality, …).

The whole document is read at once: its values mean nothing without its dimensions, which may
come after them, and the API caps a response (800 000 cells in PxWebApi v0).
"""

import json
import math
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from registers.importing import ImportFailed

RESERVED = ("value", "status")


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]
    labels: dict[str, str]


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    dimensions: dict[str, Dimension]
    values: list
    statuses: list[str]

    def __len__(self):
        return len(self.values)

    def dimension(self, *ids):
        """The first of `ids` the dataset has; ImportFailed naming them when it has none."""
        for dimension_id in ids:
            if dimension_id in self.dimensions:
                return self.dimensions[dimension_id]
        wanted = " eller ".join(ids)
        raise ImportFailed(
            f"{self.name} mangler dimensjonen {wanted} (har {', '.join(self.dimensions)})."
        )

    def records(self):
        """One dict per cell: {dimension id: category code, …, "value": …, "status": …}."""
        ids = list(self.dimensions)
        combinations = product(*(dimension.codes for dimension in self.dimensions.values()))
        for codes, value, status in zip(combinations, self.values, self.statuses, strict=True):
            yield {**dict(zip(ids, codes, strict=True)), "value": value, "status": status}


def read_dataset(path):
    """Read and check the JSON-stat 2.0 dataset in `path`; ImportFailed says what is wrong."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            document = json.load(handle, parse_constant=_no_constant)
    except OSError as exc:
        raise ImportFailed(f"Kan ikke åpne {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path.name} er ikke UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"{path.name} er ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno}: {exc.msg})."
        ) from exc
    except ValueError as exc:
        raise ImportFailed(f"{path.name} er ikke gyldig JSON ({exc}).") from exc
    return parse_dataset(document, name=path.name)


def _no_constant(name):
    raise ValueError(f"{name} er ikke et tall i JSON")


def parse_dataset(document, *, name):
    """Check a decoded JSON-stat document and return its Dataset; `name` goes in messages."""
    if not isinstance(document, dict):
        raise ImportFailed(f"{name} er ikke et JSON-stat-datasett (ventet et JSON-objekt).")
    if "version" not in document and "dataset" in document:
        raise ImportFailed(
            f"{name} er JSON-stat 1.x. Hent tabellen på nytt med formatet json-stat2."
        )
    if document.get("version") != "2.0":
        raise ImportFailed(
            f"{name} er ikke JSON-stat 2.0 (version er {document.get('version')!r}, ventet '2.0')."
        )
    if document.get("class") != "dataset":
        raise ImportFailed(
            f"{name} er ikke et JSON-stat-datasett (class er {document.get('class')!r}, "
            "ventet 'dataset')."
        )
    ids, sizes = document.get("id"), document.get("size")
    if not _is_list_of(ids, str) or not ids or not all(ids) or len(set(ids)) != len(ids):
        raise ImportFailed(f"{name}: id skal være en liste med ulike dimensjonsnavn.")
    if not _is_list_of(sizes, int) or len(sizes) != len(ids) or min(sizes) < 0:
        raise ImportFailed(
            f"{name}: size skal være en liste med ett ikke-negativt heltall per dimensjon i id "
            f"({len(ids)})."
        )
    described = document.get("dimension")
    if not isinstance(described, dict):
        raise ImportFailed(f"{name} mangler dimension (beskrivelsen av dimensjonene).")
    for dimension_id in ids:
        if dimension_id in RESERVED:
            raise ImportFailed(f"{name}: en dimensjon kan ikke hete {dimension_id!r}.")
        if dimension_id not in described:
            raise ImportFailed(
                f"{name}: dimensjonen {dimension_id} står i id, men ikke i dimension."
            )
    unknown = sorted(set(described) - set(ids))
    if unknown:
        raise ImportFailed(
            f"{name}: ukjent dimensjon {', '.join(unknown)} i dimension (står ikke i id)."
        )
    dimensions = {
        dimension_id: _dimension(name, dimension_id, described[dimension_id], size)
        for dimension_id, size in zip(ids, sizes, strict=True)
    }
    cells = math.prod(sizes)
    return Dataset(
        name=name,
        label=str(document.get("label") or ""),
        dimensions=dimensions,
        values=_values(name, document.get("value"), cells, sizes),
        statuses=_statuses(name, document.get("status"), cells),
    )


def _is_list_of(items, kind):
    return isinstance(items, list) and all(
        isinstance(item, kind) and not isinstance(item, bool) for item in items
    )


def _dimension(name, dimension_id, described, size):
    category = described.get("category") if isinstance(described, dict) else None
    if not isinstance(category, dict):
        raise ImportFailed(f"{name}: dimensjonen {dimension_id} mangler category.")
    index, labels = category.get("index"), category.get("label", {})
    if not isinstance(labels, dict) or not all(isinstance(text, str) for text in labels.values()):
        raise ImportFailed(f"{name}: category.label i {dimension_id} skal gi en tekst per kode.")
    if index is None and len(labels) == 1:
        codes = list(labels)  # JSON-stat lets a single category leave out its index.
    elif _is_list_of(index, str) and len(set(index)) == len(index):
        codes = index
    elif isinstance(index, dict) and sorted(map(_position, index.values())) == list(
        range(len(index))
    ):
        codes = sorted(index, key=index.get)
    else:
        raise ImportFailed(
            f"{name}: category.index i {dimension_id} skal være en liste med ulike koder eller "
            "et objekt fra kode til plass 0, 1, 2, …"
        )
    if len(codes) != size:
        raise ImportFailed(
            f"{name}: dimensjonen {dimension_id} har {len(codes)} kategorier, men size sier {size}."
        )
    return Dimension(
        id=dimension_id,
        label=str(described.get("label") or dimension_id),
        codes=tuple(codes),
        labels={code: labels.get(code, code) for code in codes},
    )


def _position(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _cell(name, key, cells, what):
    """The cell a sparse `value` or `status` key names (a string index, counted from 0)."""
    if not (isinstance(key, str) and key.isdigit() and int(key) < cells):
        raise ImportFailed(
            f"{name}: {what} har nøkkelen {key!r}, men datasettet har bare celle 0–{cells - 1}."
        )
    return int(key)


def _values(name, raw, cells, sizes):
    if isinstance(raw, list):
        if len(raw) != cells:
            raise ImportFailed(
                f"{name}: value har {len(raw)} verdier, men size {sizes} gir {cells} celler."
            )
        values = raw
    elif isinstance(raw, dict):
        values = [None] * cells
        for key, value in raw.items():
            values[_cell(name, key, cells, "value")] = value
    else:
        raise ImportFailed(f"{name} mangler value (en liste med tall, eller et objekt).")
    for position, value in enumerate(values):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ImportFailed(
                f"{name}: verdien i celle {position} er ikke et tall eller null: {value!r}."
            )
    return values


def _statuses(name, raw, cells):
    if raw is None:
        return [""] * cells
    if isinstance(raw, str):
        return [raw] * cells
    if isinstance(raw, list):
        if len(raw) != cells:
            raise ImportFailed(
                f"{name}: status har {len(raw)} elementer, men datasettet har {cells} celler."
            )
        statuses = raw
    elif isinstance(raw, dict):
        statuses = [""] * cells
        for key, status in raw.items():
            statuses[_cell(name, key, cells, "status")] = status
    else:
        raise ImportFailed(f"{name}: status skal være en tekst, en liste eller et objekt.")
    if not all(status is None or isinstance(status, str) for status in statuses):
        raise ImportFailed(f"{name}: status skal bare inneholde tekster (som «..» og «:»).")
    return [status or "" for status in statuses]
