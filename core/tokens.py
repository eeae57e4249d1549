"""Single-use secrets sent by e-mail (confirmation and registration links): the visitor gets
the token, the database keeps only its hash."""

import hashlib
import secrets


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    """A fresh URL-safe token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)
