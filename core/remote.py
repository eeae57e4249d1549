"""Fetching a file from an address someone typed into the admin (a campus calendar), with
limits, so a hostile or broken server cannot make the site hang, fill its memory or reach
what it should not (docs/architecture.md, "Calendar import"):

- http and https only;
- a connect timeout, a read timeout per chunk and a budget for the whole fetch;
- a maximum size, read in chunks;
- redirects to the same host only, a few at most;
- no loopback, private or otherwise special address: every address the name resolves to is
  checked before connecting, and the connection goes to a checked address, whatever DNS says
  a moment later (`allow_private` lifts that for tests). A refused address, a name that does
  not resolve and a server that does not answer get one and the same message, so the answer
  tells nothing about the internal network.

Every refusal is a `FetchError` with a Dutch reason that staff can read.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

ALLOWED_SCHEMES = ("http", "https")
REDIRECT_CODES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
TOO_SLOW = "De server antwoordde te traag; het ophalen is afgebroken."
NOT_REACHABLE = (
    "De server is niet bereikbaar of het adres is niet openbaar; alleen een openbaar "
    "internetadres wordt opgehaald."
)


class FetchError(Exception):
    """The fetch was refused or stopped; `str()` is the reason, in Dutch."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    connect_timeout: float
    read_timeout: float
    total_seconds: float
    allow_private: bool = False

    @classmethod
    def from_settings(cls, limits, allow_private, **overrides):
        """The limits of a fetch among a feature's settings `limits` (a dict that may hold
        limits of its own, such as a number of events), with `overrides`."""
        names = ("max_bytes", "connect_timeout", "read_timeout", "total_seconds")
        values = {name: limits[name] for name in names} | overrides
        return cls(**values, allow_private=allow_private)


def is_public_address(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url):
    """The parts of `url` if it is an http(s) address with a host; FetchError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES:
        raise FetchError("Alleen adressen die met https:// of http:// beginnen worden opgehaald.")
    if not parts.hostname:
        raise FetchError("Het adres heeft geen servernaam.")
    if parts.username or parts.password:
        raise FetchError("Een adres met een gebruikersnaam of wachtwoord wordt niet opgehaald.")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as error:
        raise FetchError("Het poortnummer in het adres is ongeldig.") from error
    return parts


def _seconds_left(deadline):
    """Until `deadline` (a time.monotonic() value); FetchError once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(TOO_SLOW)
    return left


def resolve(host, port=None):
    """The addresses `host` resolves to; none when it does not."""
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]
    except (OSError, UnicodeError, ValueError):
        return []


def is_internal(url):
    """Whether the host of `url` is, or resolves to, an address that is not public (a name
    that does not resolve is not: the fetch will find it unreachable)."""
    host = urlsplit(url).hostname
    return bool(host) and not all(is_public_address(address) for address in resolve(host))


def _connect(host, port, limits, deadline):
    """A socket connected to a checked address of the host."""
    addresses = resolve(host, port)
    if not addresses or not (limits.allow_private or all(map(is_public_address, addresses))):
        raise FetchError(NOT_REACHABLE)
    for address in addresses:
        timeout = min(limits.connect_timeout, _seconds_left(deadline))
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except TimeoutError as error:
            raise FetchError(TOO_SLOW) from error
        except OSError:
            continue
    raise FetchError(NOT_REACHABLE)


def _read_body(response, limits, deadline, sock):
    too_big = FetchError(f"Het bestand is groter dan {limits.max_bytes // 1024} kB.")
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise too_big
    body = bytearray()
    while True:
        sock.settimeout(min(limits.read_timeout, _seconds_left(deadline)))
        chunk = response.read1(CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > limits.max_bytes:
            raise too_big
        _seconds_left(deadline)


def fetch(url, limits, accept="*/*"):
    """GET `url` within `limits`; the body as bytes, or FetchError with the reason."""
    deadline = time.monotonic() + limits.total_seconds
    first = check_url(url)
    for _ in range(MAX_REDIRECTS + 1):
        parts = check_url(url)
        if parts.hostname != first.hostname:
            raise FetchError(
                f"De server stuurt door naar een andere server ({parts.hostname}); "
                "dat wordt niet gevolgd."
            )
        if first.scheme == "https" and parts.scheme != "https":
            raise FetchError("De server stuurt door van https naar http; dat wordt niet gevolgd.")
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        conn = (http.client.HTTPSConnection if https else http.client.HTTPConnection)(
            parts.hostname, port
        )
        # The connection sends over this socket instead of resolving the name again.
        conn.sock = _connect(parts.hostname, port, limits, deadline)
        try:
            if https:
                conn.sock = ssl.create_default_context().wrap_socket(
                    conn.sock, server_hostname=parts.hostname
                )
            conn.request("GET", path, headers={"Accept": accept, "Accept-Encoding": "identity"})
            # Kept: the connection hands its socket to a response that closes the connection.
            sock = conn.sock
            sock.settimeout(min(limits.read_timeout, _seconds_left(deadline)))
            response = conn.getresponse()
            if response.status in REDIRECT_CODES:
                location = response.getheader("Location")
                if not location:
                    raise FetchError("De server stuurt door zonder adres.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"De server antwoordde met status {response.status}.")
            return _read_body(response, limits, deadline, sock)
        except TimeoutError as error:
            raise FetchError(TOO_SLOW) from error
        except ssl.SSLError as error:
            raise FetchError(f"De beveiligde verbinding mislukte ({error.reason}).") from error
        except (OSError, http.client.HTTPException) as error:
            reason = error.__class__.__name__
            raise FetchError(f"De server is niet bereikbaar ({reason}).") from error
        finally:
            conn.close()
    raise FetchError("De server stuurt te vaak door.")
