"""An admin user who chose English types dates as everyone else does: the admin's date pickers
write 10-02-2027 (WAGTAIL_DATE_FORMAT), so English reads the Dutch input formats (and, as every
language does, 2027-02-10). Every other format stays Django's English one."""

from django.conf.locale.nl.formats import (
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    TIME_INPUT_FORMATS,
)

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "TIME_INPUT_FORMATS"]
