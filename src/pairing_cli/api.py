"""The Python interface, for notebooks and scripts: load a dataset, get its figures as plain data.

    >>> from pairing_cli import load
    >>> data = load()                       # the shipped dataset; load("mine.json") for another
    >>> data.records()[0]["value"]          # the same rows as `pairing facts --json`'s "figures"
    937000

Every method returns plain Python data (dicts, lists, numbers, strings), the same keys as the CLI's JSON; a
pandas user writes `pd.DataFrame(data.observations())`. A dataset that cannot be loaded raises DataError.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from .data.models import Dataset

__all__ = ["Pairing", "load", "programs"]


def load(path: str | Path | None = None, *, program: str | None = None) -> Pairing:
    """The dataset at path (a JSON file of any schema, or a datapackage.json); by default $PAIRING_DATA, else a
    shipped program's (`program`, else $PAIRING_PROGRAM, else fujian-ningxia). Raises pairing_cli.errors.DataError
    with the file and the place when it cannot, QueryError for an unknown program."""
    from .data import load

    resolved = load.resolve_path(None if path is None else str(path), program=program)
    loaded = load.load(resolved)
    from .language.words import declare_count_units

    declare_count_units([(u.id, u.label, u.label_zh) for u in loaded.units])
    return Pairing(loaded, str(resolved))


def programs() -> list[dict[str, Any]]:
    """Every shipped program, as `pairing programs --json` lists them under "programs"."""
    from .documents import to_json_data
    from .queries.pairings import programs as listed

    return _plain(to_json_data(listed())["programs"])


_T = TypeVar("_T")


def _plain(value: _T) -> _T:
    """Data a caller owns: new lists and dicts all the way down (the models' tuples as lists), so that changing what
    one call returned changes nothing another returns."""
    return cast(_T, _copied(value))


def _copied(value: object) -> object:
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copied(v) for v in value]
    return value


@dataclass(frozen=True)
class Pairing:
    """A loaded dataset. `dataset` is the validated model itself, immutable (tuples, frozen models); the methods give
    plain data, new on every call."""

    dataset: Dataset
    path: str

    def records(self, *, category: str | None = None, source: str | None = None) -> list[dict[str, Any]]:
        """Every figure, observed and derived, as `pairing facts --json` lists them under "figures"."""
        from .documents import to_json_data
        from .queries.figures import facts

        document = to_json_data(facts(self.dataset, category=category, source=source))
        return _plain(document["figures"])

    def measures(self) -> list[dict[str, Any]]:
        """Every measure (what is counted), without its observations: the rows of the measures table."""
        from .formats.datapackage import rows

        return _plain(rows(self.dataset)["measures"])

    def observations(self, measure: str | None = None) -> list[dict[str, Any]]:
        """Every observation as a flat row (period in columns, the measure's id in "measure"), or one measure's."""
        from .formats.datapackage import rows

        if measure is not None:
            from .queries.compare import _measure

            _measure(self.dataset, measure)  # QueryError for an unknown id, as compare and trend raise
        found = rows(self.dataset)["observations"]
        return _plain([o for o in found if measure is None or o["measure"] == measure])

    def sources(self) -> list[dict[str, Any]]:
        """Every source: outlet, headline, date and its kind, language, the address read."""
        return _plain([s.model_dump() for s in self.dataset.sources])

    def compare(self, measure: str | None = None) -> list[dict[str, Any]]:
        """What `pairing compare --json` lists under "measures": each comparison with its verdict and gap."""
        from .documents import to_json_data
        from .queries.compare import compare

        return _plain(to_json_data(compare(self.dataset, measure))["measures"])

    def trend(self, measure: str) -> dict[str, Any]:
        """What `pairing trend MEASURE --json` prints: the measure's points in period order, with growth."""
        from .documents import to_json_data
        from .queries.trend import trend

        return _plain(to_json_data(trend(self.dataset, measure)))
