"""Apps register what they index; the search app knows the definitions, not the models."""

from .port import IndexDefinition

_indexes: dict[str, IndexDefinition] = {}


def register(index: IndexDefinition) -> IndexDefinition:
    _indexes[index.name] = index
    return index


def get_index(name: str) -> IndexDefinition:
    return _indexes[name]


def all_indexes() -> list[IndexDefinition]:
    return list(_indexes.values())
