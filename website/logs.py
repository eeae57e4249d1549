"""Log records as JSON lines (LOG_FORMAT=json) for log collectors: time (UTC), level, logger,
message, any exception, and the simple values a record carries as extras."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed as `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
SIMPLE_TYPES = (str, int, float, bool, type(None))


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        for key, value in vars(record).items():
            # Objects such as the request stay out: they may hold personal data.
            if key not in STANDARD_ATTRIBUTES and isinstance(value, SIMPLE_TYPES):
                entry.setdefault(key, value)
        return json.dumps(entry, ensure_ascii=False)
