"""What every importer shares: the report it returns and the CSV reader it validates with."""

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class ImportFailed(Exception):
    """The file as a whole cannot be imported; nothing was written."""


KEPT_REJECTIONS = 100


@dataclass(frozen=True)
class Rejection:
    """A refused row: its line in a text file, or its position ("post") in a JSON list."""

    line: int
    reason: str
    unit: str = "linje"

    def __str__(self):
        return f"{self.unit} {self.line}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did. Every rejection goes to `on_reject` (a command prints them all);
    the first hundred are also kept for the import-run record."""

    source: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    on_reject: Callable[[Rejection], None] | None = field(default=None, repr=False)

    def reject(self, line, reason, unit="linje"):
        rejection = Rejection(line, reason, unit)
        self.rejected += 1
        if len(self.rejections) < KEPT_REJECTIONS:
            self.rejections.append(rejection)
        if self.on_reject is not None:
            self.on_reject(rejection)

    @property
    def changed(self):
        """Whether the import wrote anything (what it changed is then recorded, see changes/)."""
        return bool(self.created or self.updated or self.closed)

    @property
    def rejected_share(self):
        return self.rejected / self.read if self.read else 0.0

    def summary(self):
        return (
            f"{self.source}: {self.read} lest, {self.created} opprettet, {self.updated} "
            f"oppdatert, {self.unchanged} uendret, {self.closed} lukket, {self.rejected} avvist"
        )


def read_csv(path, *, required_columns, report, delimiter=","):
    """Yield (line number, row) from a UTF-8 CSV file with a header row.

    The line number is where the record starts in the file, so a person can find it.
    Missing columns or an empty file raise ImportFailed before any row is read; a row with
    the wrong number of fields is rejected in the report and not yielded.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFailed(f"Kan ikke åpne {path}: {exc.strerror}") from exc
    with handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            header = reader.fieldnames
        except UnicodeDecodeError as exc:
            raise ImportFailed(f"{path.name} er ikke UTF-8.") from exc
        if not header:
            raise ImportFailed(f"{path.name} er tom.")
        missing = [column for column in required_columns if column not in header]
        others = {",", ";", "\t"} - {delimiter}
        if missing and len(header) == 1 and any(other in header[0] for other in others):
            raise ImportFailed(
                f"{path.name} bruker feil skilletegn: kolonnene skal skilles med «{delimiter}»."
            )
        if missing:
            raise ImportFailed(
                f"{path.name} mangler kolonnene {', '.join(missing)} (fant {', '.join(header)})."
            )
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise ImportFailed(f"{path.name} er ikke UTF-8 (etter linje {start}).") from exc
            except csv.Error as exc:
                raise ImportFailed(f"{path.name}, linje {start}: {exc}") from exc
            report.read += 1
            extra = row.pop(None, [])
            if extra or None in row.values():
                width = sum(value is not None for value in row.values()) + len(extra)
                report.reject(start, f"har {width} felt, ventet {len(header)}")
            else:
                yield start, {key: value.strip() for key, value in row.items()}
            start = reader.line_num + 1


def upsert(model, *, key, rows, report, batch_size=1000):
    """Create or update `model` rows from {key value: {field: value}}, counting into `report`.

    Fields are compared as given (use `county_id` for a foreign key); a row whose values all
    match is counted unchanged and not written.
    """
    existing = model.objects.in_bulk(list(rows), field_name=key)
    to_create, to_update, fields = [], [], set()
    for key_value, values in rows.items():
        obj = existing.get(key_value)
        if obj is None:
            to_create.append(model(**{key: key_value}, **values))
            continue
        changed = {field: value for field, value in values.items() if getattr(obj, field) != value}
        if changed:
            for field, value in changed.items():
                setattr(obj, field, value)
            fields.update(changed)
            to_update.append(obj)
        else:
            report.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields), batch_size=batch_size)
    report.created += len(to_create)
    report.updated += len(to_update)
    return to_create
