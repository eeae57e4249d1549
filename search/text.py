"""What a visitor types into a search box, made safe for every backend."""

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Whitespace collapsed, control characters dropped (PostgreSQL refuses a NUL byte), at
    most MAX_QUERY_LENGTH characters."""
    text = "".join(" " if not char.isprintable() else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()
