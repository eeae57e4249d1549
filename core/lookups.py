"""Relations to short look-up lists (regions, levels, offers, sectors...), filled without a
query per list (issue 14, the query budget).

A profile shows several such relations. Django fetches each with a query of its own, and a
sector tag through its tagged item even per tag. But the lists themselves are short and
change only with the content, so each is read once per content version
(core.pagecache.memo); what is left to ask the database is which entries an object has, and
that comes from the join tables of all relations at once, in one UNION ALL query.

Only for lists with a handful to a few dozen rows: the whole list is kept in memory. The
entries are shared by every request and must be treated as read-only.

The app that declares a relation hands it over, with the list it points at
(`joined(CampusPage.levels, EducationLevel)`): this module looks no model up itself
(docs/architecture.md, "No look-ups from below").
"""

from dataclasses import dataclass

from django.db.models import IntegerField, Value

from .pagecache import memo


def lookup_list(model):
    """Every entry of a look-up list by primary key, in the list's own order."""
    return memo(
        ("lookup-list", model._meta.label),
        lambda: {entry.pk: entry for entry in model._default_manager.all()},
    )


@dataclass(frozen=True)
class ListRelation:
    """A relation from an object to entries of a look-up list, read from its join table."""

    accessor: str  # the related manager on the object
    through: type  # the join table, or the model of the tagged items
    owner: object  # the join table's foreign key (field) to the object
    entry: object  # the join table's foreign key (field) to the entry
    model: type  # the look-up list
    # The accessor lists the join table's rows (taggit's tagged items, each with its tag)
    # rather than the entries themselves.
    items: bool = False

    def rows(self, number, ids):
        return (
            self.through._default_manager.filter(**{f"{self.owner.attname}__in": ids})
            .order_by()
            .values_list(
                Value(number, output_field=IntegerField()),
                self.owner.attname,
                self.entry.attname,
                "pk",
            )
        )

    def value(self, instance, found, entries):
        """What `instance.<accessor>.all()` returns, in the order the relation's own query
        gives it: entries in the list's order; items in the order they were added."""
        if not self.items:
            chosen = {entry_id for entry_id, _ in found}
            return [entry for pk, entry in entries.items() if pk in chosen]
        items = []
        for entry_id, pk in sorted(found, key=lambda row: row[1]):
            if entry_id not in entries:
                continue
            item = self.through(
                pk=pk, **{self.owner.attname: instance.pk, self.entry.attname: entry_id}
            )
            self.entry.set_cached_value(item, entries[entry_id])
            self.owner.set_cached_value(item, instance)
            items.append(item)
        return items

    def fill(self, instance, objects):
        """Leave the relation as Django's prefetch_related does: its own queryset (so a
        further filter still stays within the relation), with the results known."""
        cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
        cache.pop(self.accessor, None)
        manager = getattr(instance, self.accessor)
        # modelcluster's managers answer a preview from memory and read the database (and
        # so this cache) otherwise; the database side is what is filled here.
        live = getattr(manager, "get_live_queryset", manager.get_queryset)
        queryset = live()
        queryset._result_cache = objects
        queryset._prefetch_done = True
        cache[self.accessor] = queryset


def joined(descriptor, model):
    """A many-to-many field to a look-up list: `joined(CampusPage.levels, EducationLevel)`."""
    field = descriptor.field
    through = descriptor.through
    return ListRelation(
        accessor=field.name,
        through=through,
        owner=getattr(through, field.m2m_field_name()).field,
        entry=getattr(through, field.m2m_reverse_field_name()).field,
        model=model,
    )


def tagged(descriptor, model):
    """Tagged items (taggit) with their tags: `tagged(CampusPage.tagged_sectors, SectorTag)`."""
    owner = descriptor.field
    return ListRelation(
        accessor=descriptor.rel.get_accessor_name(),
        through=owner.model,
        owner=owner,
        entry=owner.model.tag.field,
        model=model,
        items=True,
    )


def prefetch_lookups(instances, *relations):
    """Fill `instance.<accessor>.all()` of every instance for `relations` (made with
    `joined` or `tagged`) from one query. An object that holds a relation in memory (a
    preview, built from a revision) keeps showing that: modelcluster reads it before
    Django's prefetch cache."""
    instances = [instance for instance in instances if instance.pk is not None]
    if not instances or not relations:
        return
    ids = [instance.pk for instance in instances]
    parts = [relation.rows(number, ids) for number, relation in enumerate(relations)]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {}
    for number, owner_id, entry_id, pk in query:
        found.setdefault((number, owner_id), []).append((entry_id, pk))
    for number, relation in enumerate(relations):
        entries = lookup_list(relation.model)
        for instance in instances:
            rows = found.get((number, instance.pk), [])
            relation.fill(instance, relation.value(instance, rows, entries))


def attach_lookup(instances, descriptor, model):
    """Fill a foreign key to a look-up list from the list:
    `attach_lookup(campuses, CampusPage.region, Region)`."""
    field = descriptor.field
    entries = lookup_list(model)
    for instance in instances:
        value = getattr(instance, field.attname)
        if value is not None and value in entries:
            field.set_cached_value(instance, entries[value])
