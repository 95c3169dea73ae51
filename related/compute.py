"""Rebuilding the related occupations (the RelatedOccupation read model) in set-based SQL.

For each occupation, every other published occupation it shares something with is a
candidate, with each reason it has (rank in `Reason` order):

- an editor's pin (with the editor's reason);
- the same STYRK-08 unit group, then the same minor group;
- the same education programme, or the same apprenticeship trade;
- employers in common, from the employer read model (`OccupationEmployer`, employers with
  people employed in the occupation): at least `MIN_COMMON_EMPLOYERS` of them, and at least
  `MIN_COMMON_SHARE_PERCENT` % of the employers with this occupation;
- the same field of work (through the unit groups, with the editors' additions and removals),
  then the same area (the field's parent, e.g. «Helse og sosial»).

A pair keeps its best reason; the occupation keeps its best `SHOWN` candidates (by reason,
then by employers in common, then by title A–Å). Hidden pairs are left out. One INSERT … SELECT
per refresh, on both databases; only the change path calls it (derived/refresh.py).
"""

from contextlib import contextmanager

from django.db import connection, transaction

from classifications.models import FieldOfWork, StyrkGroup, Trade
from employers.models import OccupationEmployer
from norwegian.collation import NORWEGIAN
from occupations.models import Education, Occupation, OccupationEducation
from related.models import PRIORITY, SHOWN, Reason, RelatedChoice, RelatedOccupation

# Employers in common count as a reason only from this many employers, and this share of the
# employers with the occupation (fewer is noise: two small firms that happen to employ both).
MIN_COMMON_EMPLOYERS = 3
MIN_COMMON_SHARE_PERCENT = 20


def _tables():
    quote = connection.ops.quote_name

    def table(model):
        return quote(model._meta.db_table)

    return {
        "occ": table(Occupation),
        "og": table(Occupation.styrk_groups.through),
        "sg": table(StyrkGroup),
        "oedu": table(OccupationEducation),
        "edu": table(Education),
        "otr": table(Occupation.trades.through),
        "tr": table(Trade),
        "ff": table(FieldOfWork.styrk_groups.through),
        "fw": table(FieldOfWork),
        "fadd": table(Occupation.fields_added.through),
        "frem": table(Occupation.fields_removed.through),
        "oe": table(OccupationEmployer),
        "rc": table(RelatedChoice),
        "ro": table(RelatedOccupation),
        "nb": quote(NORWEGIAN),
    }


@contextmanager
def _cursor():
    """A cursor; on PostgreSQL without JIT compilation for these queries: compiling their many
    expressions took 6.6 of 8.6 s at national scale, running them 2 s."""
    with connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        if postgresql:
            cursor.execute("SET LOCAL jit = off")
        try:
            yield cursor
        finally:
            if postgresql:
                cursor.execute("SET LOCAL jit TO DEFAULT")


def _reason_case():
    return "CASE p " + " ".join(f"WHEN {PRIORITY[r]} THEN '{r.value}'" for r in Reason) + " END"


SQL = """
INSERT INTO {ro} (occupation_id, related_id, rank, reason, label, shared, total)
WITH src AS (
    SELECT id FROM {occ} WHERE draft_of_id IS NULL {scope}
), tgt AS (
    SELECT id FROM {occ} WHERE draft_of_id IS NULL AND status = 'published'
), grp AS (
    SELECT og.occupation_id AS occ, sg.id AS unit, sg.parent_id AS minor
    FROM {og} og JOIN {sg} sg ON sg.id = og.styrkgroup_id
), fld AS (
    SELECT og.occupation_id AS occ, ff.fieldofwork_id AS field
    FROM {og} og JOIN {ff} ff ON ff.styrkgroup_id = og.styrkgroup_id
    UNION SELECT occupation_id, fieldofwork_id FROM {fadd}
    EXCEPT SELECT occupation_id, fieldofwork_id FROM {frem}
), totals AS (
    SELECT oe.occupation_id AS occ, COUNT(*) AS n
    FROM {oe} oe JOIN {occ} o ON o.id = oe.occupation_id AND o.draft_of_id IS NULL
    WHERE oe.employed > 0 {scope_totals} GROUP BY oe.occupation_id
), reasons AS (
    SELECT rc.occupation_id AS a, rc.related_id AS b, {pinned} AS p, rc.id AS ord,
           rc.reason AS label, CAST(NULL AS INTEGER) AS shared, CAST(NULL AS INTEGER) AS total
    FROM {rc} rc JOIN src ON src.id = rc.occupation_id JOIN tgt ON tgt.id = rc.related_id
    WHERE rc.kind = 'pin'
    UNION ALL
    SELECT x.occ, y.occ, {unit_group}, 0, sg.name, NULL, NULL
    FROM grp x JOIN src ON src.id = x.occ
    JOIN grp y ON y.unit = x.unit AND y.occ <> x.occ JOIN tgt ON tgt.id = y.occ
    JOIN {sg} sg ON sg.id = x.unit
    UNION ALL
    SELECT x.occ, y.occ, {minor_group}, 0, sg.name, NULL, NULL
    FROM grp x JOIN src ON src.id = x.occ
    JOIN grp y ON y.minor = x.minor AND y.unit <> x.unit AND y.occ <> x.occ
    JOIN tgt ON tgt.id = y.occ JOIN {sg} sg ON sg.id = x.minor
    UNION ALL
    SELECT x.occupation_id, y.occupation_id, {education}, 0,
           CASE WHEN e.level LIKE 'Vg%%' THEN e.level || ' ' || e.name ELSE e.name END,
           NULL, NULL
    FROM {oedu} x JOIN src ON src.id = x.occupation_id
    JOIN {oedu} y ON y.education_id = x.education_id AND y.occupation_id <> x.occupation_id
    JOIN tgt ON tgt.id = y.occupation_id JOIN {edu} e ON e.id = x.education_id
    UNION ALL
    SELECT x.occupation_id, y.occupation_id, {trade}, 0, t.name, NULL, NULL
    FROM {otr} x JOIN src ON src.id = x.occupation_id
    JOIN {otr} y ON y.trade_id = x.trade_id AND y.occupation_id <> x.occupation_id
    JOIN tgt ON tgt.id = y.occupation_id JOIN {tr} t ON t.id = x.trade_id
    UNION ALL
    SELECT x.occupation_id, y.occupation_id, {employers}, 0, '', COUNT(*), totals.n
    FROM totals JOIN {oe} x ON x.occupation_id = totals.occ AND x.employed > 0
    JOIN {oe} y ON y.employer_id = x.employer_id AND y.occupation_id <> x.occupation_id
    WHERE y.employed > 0
    GROUP BY x.occupation_id, y.occupation_id, totals.n
    HAVING COUNT(*) >= %s AND COUNT(*) * 100 >= totals.n * %s
    UNION ALL
    SELECT x.occ, y.occ, {field}, 0, f.name, NULL, NULL
    FROM fld x JOIN src ON src.id = x.occ
    JOIN fld y ON y.field = x.field AND y.occ <> x.occ JOIN tgt ON tgt.id = y.occ
    JOIN {fw} f ON f.id = x.field
    UNION ALL
    SELECT x.occ, y.occ, {area}, 0, area.name, NULL, NULL
    FROM fld x JOIN src ON src.id = x.occ JOIN {fw} fx ON fx.id = x.field
    JOIN {fw} area ON area.id = fx.parent_id
    JOIN {fw} fy ON fy.parent_id = fx.parent_id
    JOIN fld y ON y.field = fy.id AND y.occ <> x.occ JOIN tgt ON tgt.id = y.occ
), best AS (
    SELECT a, b, p, ord, label, shared, total,
           ROW_NUMBER() OVER (
               PARTITION BY a, b ORDER BY p, COALESCE(shared, 0) DESC, label
           ) AS nth
    FROM reasons
    WHERE b IN (SELECT id FROM tgt) AND NOT EXISTS (
        SELECT 1 FROM {rc} hidden
        WHERE hidden.occupation_id = reasons.a AND hidden.related_id = reasons.b
          AND hidden.kind = 'hide'
    )
), ranked AS (
    SELECT a, b, p, label, shared, total,
           ROW_NUMBER() OVER (
               PARTITION BY a
               ORDER BY p, ord, COALESCE(shared, 0) DESC, o.title COLLATE {nb}, b
           ) AS place
    FROM best JOIN {occ} o ON o.id = best.b
    WHERE nth = 1
)
SELECT a, b, place, {reason}, label, shared, total FROM ranked WHERE place <= {shown}
"""


PARTNERS = """
SELECT pairs.occ
FROM (
    SELECT y.occupation_id AS occ, COUNT(*) AS shared
    FROM {oe} y
    WHERE y.employed > 0 AND y.occupation_id NOT IN ({ids}) AND y.employer_id IN (
        SELECT employer_id FROM {oe} WHERE occupation_id IN ({ids}) AND employed > 0
    )
    GROUP BY y.occupation_id
    HAVING COUNT(*) >= %s
) pairs JOIN (
    SELECT occupation_id AS occ, COUNT(*) AS n FROM {oe} WHERE employed > 0 GROUP BY occupation_id
) totals ON totals.occ = pairs.occ
WHERE pairs.shared * 100 >= %s * totals.n
"""


def employer_partners(occupations):
    """The occupations that have enough employers in common with these to list one of them
    (the refresh's threshold, counted over all of them together, so a few more than needed):
    whose lists a change to these may reach."""
    occupations = sorted({getattr(o, "pk", o) for o in occupations})
    if not occupations:
        return set()
    sql = PARTNERS.format(oe=_tables()["oe"], ids=", ".join(["%s"] * len(occupations)))
    params = [*occupations, *occupations, MIN_COMMON_EMPLOYERS, MIN_COMMON_SHARE_PERCENT]
    with transaction.atomic(), _cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


@transaction.atomic
def related_refresh(*, occupations=None):
    """Rebuild the related occupations of the given occupations (all when None).

    Returns the number of rows written.
    """
    stale = RelatedOccupation.objects.all()
    params, scope, scope_totals = [], "", ""
    if occupations is not None:
        occupations = sorted({getattr(o, "pk", o) for o in occupations})
        if not occupations:
            return 0
    if occupations is not None and len(occupations) * 2 >= Occupation.objects.count():
        occupations = None  # half of them or more: the whole rebuild is cheaper than the list
    if occupations is not None:
        stale = stale.filter(occupation__in=occupations)
        placeholders = ", ".join(["%s"] * len(occupations))
        scope = f"AND id IN ({placeholders})"
        scope_totals = f"AND oe.occupation_id IN ({placeholders})"
        params = [*occupations, *occupations]
    stale.delete()
    sql = SQL.format(
        **_tables(),
        scope=scope,
        scope_totals=scope_totals,
        reason=_reason_case(),
        shown=SHOWN,
        **{reason.value: PRIORITY[reason] for reason in Reason},
    )
    with _cursor() as cursor:
        cursor.execute(sql, [*params, MIN_COMMON_EMPLOYERS, MIN_COMMON_SHARE_PERCENT])
        return cursor.rowcount
