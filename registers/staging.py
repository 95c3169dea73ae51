"""Temporary tables that an import streams its valid rows into, for set-based writes.

A million rows never sit in Python's memory: they go to the database in batches (PostgreSQL
COPY; batched inserts on SQLite) and are compared with the stored data in a few statements.
"""

from django.db import connection

BATCH = 10_000


class StagingTable:
    def __init__(self, cursor, name, columns):
        """`columns` is a list of (name, SQL type) pairs, e.g. ("orgnr", "VARCHAR(9)")."""
        self.cursor, self.name = cursor, name
        self.columns = [column for column, _type in columns]
        self.rows = []
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        definition = ", ".join(f"{column} {sql_type}" for column, sql_type in columns)
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({definition})")

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        names = ", ".join(self.columns)
        if connection.vendor == "postgresql":
            with self.cursor.cursor.copy(f"COPY {self.name} ({names}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(self.columns))
            self.cursor.executemany(
                f"INSERT INTO {self.name} ({names}) VALUES ({placeholders})", self.rows
            )
        self.rows = []

    def analyze(self):
        """Give PostgreSQL's planner statistics for the staged rows: without them it plans a
        million-row join as if it had one row."""
        analyze(self.cursor, self.name)

    def drop(self):
        self.cursor.execute(f"DROP TABLE {self.name}")


def same(left, right):
    """SQL that is true when two values are equal or both NULL."""
    if connection.vendor == "postgresql":
        return f"{left} IS NOT DISTINCT FROM {right}"
    return f"{left} IS {right}"


def reject_staged(cursor, report, table, select, reason, unit="linje"):
    """Reject the staged rows that `select` finds (position first), then remove them."""
    cursor.execute(select)
    positions = []
    for position, *values in cursor.fetchall():
        report.reject(position, reason(*values), unit)
        positions.append(position)
    for start in range(0, len(positions), 500):
        chunk = positions[start : start + 500]
        cursor.execute(
            f"DELETE FROM {table} WHERE position IN ({', '.join(['%s'] * len(chunk))})", chunk
        )


def analyze(cursor, table):
    """Refresh PostgreSQL's statistics for a table an import has just changed in bulk."""
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {table}")
