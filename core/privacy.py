"""Privacy rights (AVG): everything the site holds about one e-mail address, handed over or
erased, and an admin log that forgets people together with their records.

Core knows no domain model: an app registers a `PersonalData` for each kind of record that
holds personal data, for the hook `personal_data`. Every text column of the database is also
searched for the address, so that anything else still naming it is reported, not missed.

Wagtail's admin log labels an entry with the object's name at the time. When a record of a
registered kind is deleted, by whatever path, its entries keep what happened and when, and
lose the label; an owner that anonymises a record calls `forget_in_log`.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import connection, models
from django.utils import timezone
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from .models import PersonalDataRequest

REMOVED = "[verwijderd]"
LOG_ACTIONS = {
    PersonalDataRequest.Action.EXPORT: "core.personal_data.export",
    PersonalDataRequest.Action.ERASURE: "core.personal_data.erase",
}
TEXT_COLUMN_TYPES = {"CharField", "TextField", "JSONField"}


@dataclass(frozen=True)
class PersonalData:
    """One kind of record that holds personal data, found by e-mail address."""

    key: str  # the name of the list in the export, in Dutch: "aanmeldingen"
    model: type[models.Model]
    find: Callable[[str], Iterable[models.Model]]  # an address's records, ignoring case
    export: Callable[[models.Model], dict]  # what the person gets to see of one record
    erase: Callable[[models.Model], str]  # removes or anonymises one; says what it did
    order: int = 50  # place in the export


def registered_kinds():
    return sorted(hooks.get_hooks("personal_data"), key=lambda kind: kind.order)


def clean_address(raw):
    """The address to look for, or a ValidationError with a Dutch message."""
    address = (raw or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.") from None
    return address


# -- The admin log --------------------------------------------------------------------------


def forget_deleted(instance):
    """Strip a deleted record's admin log entries of who or what they were about. Runs by
    itself for the registered kinds (post_delete); call it for a record of another model that
    only existed through a person's data."""
    label = f"{capfirst(instance._meta.verbose_name)} #{instance.pk} (verwijderd)"
    log_registry.get_logs_for_instance(instance).update(label=label, data={})


def forget_deleted_personal_data(sender, instance, **kwargs):
    if any(kind.model is sender for kind in registered_kinds()):
        forget_deleted(instance)


def forget_in_log(instance, values):
    """Take `values` (a name, an address) out of the admin log entries of a record that is
    anonymised and stays."""
    scrub_log_entries(log_registry.get_logs_for_instance(instance), values)


def scrub_log_entries(entries, values):
    patterns = [
        re.compile(re.escape(value.strip()), re.IGNORECASE)
        for value in values
        if value and value.strip()
    ]
    scrubbed = 0
    for entry in entries:
        label = _scrub(entry.label, patterns)
        data = _scrub(entry.data, patterns)
        if (label, data) != (entry.label, entry.data):
            type(entry).objects.filter(pk=entry.pk).update(label=label, data=data)
            scrubbed += 1
    return scrubbed


def _scrub(value, patterns):
    if isinstance(value, str):
        return reduce(lambda text, pattern: pattern.sub(REMOVED, text), patterns, value)
    if isinstance(value, dict):
        return {key: _scrub(item, patterns) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, patterns) for item in value]
    return value


def log_entries_mentioning(address):
    for log_model in log_registry.get_log_entry_models():
        yield from log_model.objects.filter(
            models.Q(label__icontains=address) | models.Q(data__icontains=address)
        ).select_related("content_type")


def log_entry_summary(entry):
    formatter = entry.formatter
    return {
        "Tijdstip": readable(entry.timestamp),
        "Handeling": str(formatter.label) if formatter else entry.action,
        "Soort gegevens": capfirst(str(entry.object_verbose_name)),
        "Omschrijving": entry.label,
    }


# -- Everything else ------------------------------------------------------------------------


@dataclass
class Mention:
    """A row of some table whose text holds the address."""

    kind: str  # the model's verbose name
    pk: object
    fields: list[str]

    def describe(self):
        return {"Soort gegevens": self.kind, "Nummer": str(self.pk), "Velden": self.fields}

    def __str__(self):
        return f"{self.kind} #{self.pk} ({', '.join(self.fields)})"


def mentions(address, leave_out=()):
    """Every row of every table that has the address in a text column, except rows of the
    models in `leave_out`. Reads the whole database: for a request, not for a page."""
    tables = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or meta.db_table not in tables or model in leave_out:
            continue
        columns = [
            column
            for column in meta.local_concrete_fields
            if column.get_internal_type() in TEXT_COLUMN_TYPES
        ]
        if not columns:
            continue
        matches = reduce(or_, (models.Q(**{f"{c.attname}__icontains": address}) for c in columns))
        needle = address.lower()
        for row in model._base_manager.filter(matches).values("pk", *[c.attname for c in columns]):
            names = [
                str(column.verbose_name)
                for column in columns
                if needle in _as_text(row[column.attname]).lower()
            ]
            found.append(Mention(capfirst(str(meta.verbose_name)), row["pk"], names))
    return found


def _as_text(value):
    return value if isinstance(value, str) else json.dumps(value, cls=DjangoJSONEncoder)


# -- Export ---------------------------------------------------------------------------------


def readable(value):
    """A value as the person reads it in their export."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def field_values(instance, names):
    """{label: readable value} of the named fields of a record, for the person's export."""
    fields = {model_field.name: model_field for model_field in instance._meta.get_fields()}
    values = {}
    for name in names:
        model_field = fields[name]
        if model_field.many_to_many:
            value = [str(item) for item in getattr(instance, name).all()]
        elif model_field.choices:
            value = getattr(instance, f"get_{name}_display")()
        else:
            value = readable(getattr(instance, name))
        values[capfirst(str(model_field.verbose_name))] = value
    return values


def personal_data(address):
    """Everything the site holds about the address, as the person gets it (JSON-ready)."""
    data = {"E-mailadres": address, "Opgevraagd op": readable(timezone.now())}
    kinds = registered_kinds()
    entries = set(log_entries_mentioning(address))
    for kind in kinds:
        records = list(kind.find(address))
        data[kind.key] = [kind.export(record) for record in records]
        for record in records:
            entries.update(log_registry.get_logs_for_instance(record))
    data["beheerlogboek"] = [
        log_entry_summary(entry)
        for entry in sorted(entries, key=lambda entry: (entry.timestamp, entry.pk))
    ]
    leave_out = {kind.model for kind in kinds} | set(log_registry.get_log_entry_models())
    data["elders gevonden"] = [mention.describe() for mention in mentions(address, leave_out)]
    return data


def counts(data):
    """(kind, how many) for each kind of record an export holds."""
    return [(key, len(value)) for key, value in data.items() if isinstance(value, list)]


def count_summary(data):
    """How many records of each kind an export holds, e.g. "aanmeldingen: 2"; names nobody."""
    return ", ".join(f"{key}: {number}" for key, number in counts(data))


# -- Erasure --------------------------------------------------------------------------------


@dataclass
class Erasure:
    done: list[str] = field(default_factory=list)  # what was done, record by record
    log_entries: int = 0  # admin log entries that named the address
    left: list[Mention] = field(default_factory=list)  # where the address still is

    def summary(self):
        return (
            f"{len(self.done)} gegevens verwerkt, "
            f"{self.log_entries} logboekregels opgeschoond, {len(self.left)} plaatsen over"
        )

    def lines(self):
        lines = list(self.done) or ["Er waren geen gegevens bij dit e-mailadres."]
        if self.log_entries:
            lines.append(
                f"Beheerlogboek: het e-mailadres is uit {self.log_entries} regel(s) gehaald."
            )
        lines += [
            f"Nog gevonden in {mention}: pas dit zelf aan in de beheeromgeving."
            for mention in self.left
        ]
        return lines


def erase_personal_data(address):
    """Erase or anonymise what the site holds about the address; each kind decides per record
    what that means. Safe to run again: a second run finds what the first left."""
    erasure = Erasure()
    for kind in registered_kinds():
        for record in list(kind.find(address)):
            erasure.done.append(kind.erase(record))
    erasure.log_entries = scrub_log_entries(log_entries_mentioning(address), [address])
    erasure.left = mentions(address)
    return erasure


def record_request(action, address, channel, user, summary):
    """Log a use of the privacy tools, with the address as a keyed hash only; in Wagtail's
    admin log too, so it shows in the site history."""
    request = PersonalDataRequest.objects.create(
        action=action,
        address_hash=PersonalDataRequest.hash_address(address),
        channel=channel,
        requested_by=user,
        summary=summary,
    )
    log(instance=request, action=LOG_ACTIONS[action], user=user)


def export_on_request(address, channel, user=None):
    """`personal_data()`, recorded as a request."""
    data = personal_data(address)
    record_request(PersonalDataRequest.Action.EXPORT, address, channel, user, count_summary(data))
    return data


def erase_on_request(address, channel, user=None):
    """`erase_personal_data()`, recorded as a request."""
    erasure = erase_personal_data(address)
    record_request(PersonalDataRequest.Action.ERASURE, address, channel, user, erasure.summary())
    return erasure


# -- Staff accounts -------------------------------------------------------------------------


ACCOUNT_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "date_joined",
    "last_login",
    "groups",
)


def find_accounts(address):
    return get_user_model().objects.filter(email__iexact=address).prefetch_related("groups")


def export_account(user):
    return field_values(user, ACCOUNT_FIELDS)


def keep_account(user):
    # Whether a colleague's account goes is an administrator's decision: the admin log ties
    # what was done to it.
    return (
        f"Beheerdersaccount ‘{user.get_username()}’: niet gewist. Een beheerder verwijdert of "
        "wijzigt het via Instellingen > Gebruikers."
    )


def staff_accounts():
    return PersonalData(
        "beheerdersaccounts", get_user_model(), find_accounts, export_account, keep_account, 90
    )
