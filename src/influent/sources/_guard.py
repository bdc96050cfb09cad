"""The outbound guard: no request a user can steer reaches an internal address.

A member can type any URL into discovery, and a site can redirect anywhere, so every hop is
checked twice:

- before it is sent (an httpx request hook, called for the first request and each redirect):
  the scheme must be http or https, and a host written as an IP address, or named
  `localhost`, must be public;
- when the connection opens (a network backend under the real transport): the name is
  resolved once, every address is checked, and the socket connects to a checked address,
  so a name that resolves to 127.0.0.1, or changes its answer between the check and the
  connection (DNS rebinding), gets nowhere.

"Internal" is everything that is not globally routable: loopback, private (RFC 1918, fc00::/7),
link-local (169.254/16, where cloud metadata lives, and fe80::/10), shared (100.64/10),
multicast, unspecified, reserved and documentation ranges, and IPv4 addresses mapped or
embedded in IPv6. A self-hosted install can allow named hosts (`name` or `name:port`).
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Callable, Iterable

import httpcore
import httpx

__all__ = ["BlockedAddressError", "OutboundGuard", "Resolver", "is_internal"]

Resolver = Callable[[str, int], list[str]]

_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


class BlockedAddressError(Exception):
    """The request would reach an internal address; `host` names what was asked for.

    `code` is the catalog's sentence for the refusal: an internal address, a local name, or a
    scheme other than http and https.
    """

    def __init__(
        self, host: str, address: str | None = None, *, code: str = "guard.refused.internal"
    ) -> None:
        super().__init__(host)
        self.host = host
        self.address = address
        self.code = code


def is_internal(address: str) -> bool:
    """Whether an IP address is anything but a public unicast address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True  # not an address at all: refuse rather than guess
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_internal(str(embedded))
        if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64 carries an IPv4 address
            return is_internal(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return ip.is_multicast or not ip.is_global


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


class OutboundGuard:
    """Decides whether a host may be reached; see the module docstring."""

    def __init__(
        self, allowed_hosts: Iterable[str] = (), *, resolver: Resolver | None = None
    ) -> None:
        self.allowed = frozenset(h.strip().lower() for h in allowed_hosts if h.strip())
        self.resolver = resolver or _system_resolver

    def is_allowed(self, host: str, port: int | None) -> bool:
        host = host.lower().rstrip(".")
        return host in self.allowed or (port is not None and f"{host}:{port}" in self.allowed)

    def check_url(self, url: httpx.URL) -> None:
        """The checks that need no DNS: scheme, IP literals, local names."""
        host = url.host.lower().rstrip(".")
        if url.scheme not in ("http", "https"):
            raise BlockedAddressError(host or str(url), code="guard.refused.scheme")
        if self.is_allowed(host, url.port or (443 if url.scheme == "https" else 80)):
            return
        literal = _literal(host)
        if literal is not None and is_internal(literal):
            raise BlockedAddressError(host, literal)
        if not host or host in _LOCAL_NAMES or host.endswith(".localhost"):
            raise BlockedAddressError(host, code="guard.refused.local")

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses a connection to host:port may use; BlockedAddressError if none."""
        host = host.lower().rstrip(".")
        literal = _literal(host)
        found = [literal] if literal else self.resolver(host, port)
        if self.is_allowed(host, port):
            return found
        if not host or host in _LOCAL_NAMES or host.endswith(".localhost"):
            raise BlockedAddressError(host, code="guard.refused.local")
        public = [address for address in found if not is_internal(address)]
        if not public:
            raise BlockedAddressError(host, found[0] if found else None)
        return public

    def request_hook(self, request: httpx.Request) -> None:
        self.check_url(request.url)

    def transport(self, **options: typing.Any) -> httpx.HTTPTransport:
        """A real HTTP transport whose connections go only where `addresses` allows."""
        transport = httpx.HTTPTransport(**options)
        pool = transport._pool
        if isinstance(pool, httpcore.ConnectionPool) and not isinstance(
            pool, httpcore.HTTPProxy | httpcore.SOCKSProxy
        ):
            pool._network_backend = _GuardedBackend(self, pool._network_backend)
        return transport


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks, then connects to a checked address (TLS still names the host)."""

    def __init__(self, guard: OutboundGuard, inner: httpcore.NetworkBackend) -> None:
        self.guard = guard
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.guard.addresses(host, port)
        except OSError as error:  # the name does not resolve
            raise httpcore.ConnectError(str(error)) from None
        failure: Exception | None = None
        for address in addresses:
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                failure = error
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise BlockedAddressError(path, code="guard.refused.socket")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
