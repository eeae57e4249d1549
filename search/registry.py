"""Apps register what they index; the search app knows the definitions, not the models.

An index may be registered as a builder, called once on first use: by then every app has
added what it contributes to the index (the partner directory takes facets from the apps
above it, see partners/search_index.py).
"""

from collections.abc import Callable

from .port import IndexDefinition

_indexes: dict[str, IndexDefinition] = {}
_builders: dict[str, Callable[[], IndexDefinition]] = {}


def register(index: IndexDefinition) -> IndexDefinition:
    _indexes[index.name] = index
    return index


def register_builder(name: str, builder: Callable[[], IndexDefinition]) -> None:
    _builders[name] = builder
    _indexes.pop(name, None)


def get_index(name: str) -> IndexDefinition:
    if name not in _indexes and name in _builders:
        _indexes[name] = _builders[name]()
    return _indexes[name]


def all_indexes() -> list[IndexDefinition]:
    return [get_index(name) for name in {**_builders, **_indexes}]
