"""The register files of this app that `manage.py import_all` imports (registers/jobs.py)."""

from employers.importers.aa import aa_import, parse_period
from employers.importers.brreg import brreg_import
from employers.importers.vigo import vigo_import
from registers.jobs import ESTABLISHMENTS, REGISTER_FACTS, ImportJob
from registers.models import DataSource


def _brreg_options(path):
    """A full file; the legal units' file beside it, if any, names the parents."""
    parents = sorted(path.parent.glob("enheter*.json*"))
    return {"full": True, "parents": parents[0] if parents else None}


JOBS = [
    ImportJob(
        ESTABLISHMENTS,
        DataSource.Key.ENHETSREGISTERET,
        "enhetsregisteret/underenheter*.json*",
        brreg_import,
        options=_brreg_options,
        also_archive=("parents",),
    ),
    ImportJob(
        REGISTER_FACTS,
        DataSource.Key.AA_REGISTERET,
        "aa-registeret/aa-*.csv",
        aa_import,
        options=lambda path: {"period": parse_period(path.stem.removeprefix("aa-"))},
    ),
    ImportJob(
        REGISTER_FACTS,
        DataSource.Key.VIGO,
        "vigo/vigo-*.csv",
        vigo_import,
        options=lambda path: {"county": path.stem.removeprefix("vigo-")},
    ),
]
