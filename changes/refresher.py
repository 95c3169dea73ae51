"""The small interface between the change path and the app that knows what depends on what.

`changes` sits at the bottom of the layers and cannot import the derived stores above it
(search, the employer read model, the page cache). The app that owns the rules (`derived`)
installs a `Refresher` when Django starts (its AppConfig.ready); the change path calls it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from changes.changeset import ChangeSet


@dataclass(frozen=True)
class Refresher:
    # Right after a write commits, in the writer's process: must be quick (the page cache).
    committed: Callable[[], None]
    # Brings every derived store up to date for the merged changes, inside one transaction.
    refresh: Callable[[ChangeSet], None]


_installed = []


def refresher_install(refresher):
    _installed[:] = [refresher]


def installed():
    return _installed[0] if _installed else None
