"""What a query worker may still do once its store is open, enforced by a Python audit hook.

A query needs no file but the data and Python's own, no process, and no network but the
external store's address. The hook refuses the rest, so a bug in a query path (or in a
library it calls) cannot read /etc/passwd, reach an internal service, or start a program.
It is installed after the store is open: Oxigraph's own file access happens in Rust, which
audit hooks never see. It is a second line behind the query checks, not a substitute for an
operating-system sandbox: code that runs arbitrary Python could still find a way around it.

Refused operations raise `Refused` (a PermissionError, which Python's own lazy machinery,
such as importlib writing bytecode, already tolerates) and are recorded in `refusals`, so
the worker can tell a job that failed because of one.
"""

from __future__ import annotations

import os
import site
import socket
import sys
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError

DEVICES = frozenset({"/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"})
WRITING = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
PORTS = {"http": 80, "https": 443}

# Events refused outright, with what they would have done (the Python docs' audit events table).
NEVER: dict[str, str] = {
    **dict.fromkeys(["subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                     "os.fork", "os.forkpty", "pty.spawn", "os.startfile", "webbrowser.open"],
                    "starting a process"),
    **dict.fromkeys(["os.kill", "os.killpg", "signal.pthread_kill"], "signalling a process"),
    **dict.fromkeys(["os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.link", "os.symlink",
                     "os.truncate", "os.chmod", "os.chown", "os.utime", "os.setxattr",
                     "os.removexattr", "shutil.chown"], "changing the file system"),
    **dict.fromkeys(["ctypes.dlopen", "ctypes.dlsym", "ctypes.call_function", "ctypes.cdata",
                     "ctypes.string_at", "ctypes.wstring_at", "ctypes.PyObj_FromPtr"],
                    "calling native code through ctypes"),
    **dict.fromkeys(["sqlite3.connect", "sqlite3.enable_load_extension",
                     "sqlite3.load_extension"], "opening a database"),
    **dict.fromkeys(["resource.setrlimit", "resource.prlimit"], "changing its resource limits"),
    **dict.fromkeys(["socket.bind", "socket.sendto", "socket.sendmsg", "socket.gethostbyname",
                     "socket.gethostbyaddr", "socket.getnameinfo", "socket.sethostname",
                     "ftplib.connect", "smtplib.connect", "imaplib.open", "poplib.connect",
                     "nntplib.connect", "telnetlib.Telnet.open"], "using the network"),
}

refusals: list[str] = []  # what was refused, in order; the worker clears it before each job


class Refused(PermissionError):
    """An operation a query worker may not perform."""


@dataclass(frozen=True)
class Policy:
    """Where a worker may read, and the one network address it may reach (if any)."""

    readable: tuple[str, ...]  # folders, as real paths ending with a separator
    listable: frozenset[str]  # folders it may list besides those: Python's import paths
    peers: frozenset[tuple[str, int]] = frozenset()  # (address, port) of the external store
    hosts: frozenset[tuple[str, int]] = frozenset()  # (name or address, port) of that store


def policy(root: Path, store: str) -> Policy:
    """The policy of a worker serving `store` from the repository at `root`.

    :raise InputError: the external store's host name does not resolve.
    """
    folders = [root / name for name in ("ontology", "data", "shapes", "queries")]
    folders += [Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                  sys.base_exec_prefix, *site.getsitepackages(),
                                  *sysconfig.get_paths().values())]
    folders.append(Path(__file__).parents[1])  # this package, wherever it is installed
    if not store.startswith(("http://", "https://")) and store != "memory":
        folders.append(Path(store))
    readable = tuple(sorted({_real(str(f)).rstrip(os.sep) + os.sep for f in folders}))
    listable = frozenset(_real(p or ".") for p in sys.path)
    if not store.startswith(("http://", "https://")):
        return Policy(readable, listable)
    url = urlsplit(store)
    host, port = (url.hostname or "").lower(), url.port or PORTS[url.scheme]
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise InputError(f"cannot resolve the store's host: {exc}", store) from None
    peers = frozenset((str(info[4][0]), port) for info in found)
    return Policy(readable, listable, peers,
                  frozenset({(host, port), *((address, port) for address, _ in peers)}))


def install(rules: Policy) -> None:
    """Add the audit hook; from then on this process can only do what `rules` allow."""
    checks: dict[str, Callable[[tuple[Any, ...]], str | None]] = {
        event: (lambda _args, what=what: what) for event, what in NEVER.items()}
    checks.update({
        "open": lambda args: _check_open(rules, args),
        "os.listdir": lambda args: _check_list(rules, args),
        "os.scandir": lambda args: _check_list(rules, args),
        "socket.__new__": lambda args: _check_socket(rules, args),
        "socket.connect": lambda args: _check_connect(rules, args),
        "socket.getaddrinfo": lambda args: _check_host(rules, args[0], args[1], "resolving"),
        "http.client.connect": lambda args: _check_host(rules, args[1], args[2], "connecting to"),
        "urllib.Request": lambda args: _check_url(rules, args[0]),
    })

    def hook(event: str, args: tuple[Any, ...]) -> None:
        check = checks.get(event)  # the only work done for the many events let through
        if check is None:
            return
        what = check(args)
        if what is not None:
            refusals.append(what)
            raise Refused(f"a query worker may not be {what}")

    sys.addaudithook(hook)


def _real(path: str) -> str:
    return os.path.realpath(path)


def _check_open(rules: Policy, args: tuple[Any, ...]) -> str | None:
    path, mode, flags = args
    if isinstance(path, int):  # an open file descriptor: nothing new is reached
        return None
    name = _real(os.fsdecode(path))
    if name in DEVICES:
        return None
    writing = flags & WRITING if isinstance(flags, int) else any(c in str(mode) for c in "wax+")
    if writing:
        return f"writing {name}"
    if not name.startswith(rules.readable):
        return f"reading {name}"
    return None


def _check_list(rules: Policy, args: tuple[Any, ...]) -> str | None:
    path = args[0]
    if isinstance(path, int):
        return None
    name = _real(os.fsdecode(path) if path is not None else ".")
    if name in rules.listable or (name + os.sep).startswith(rules.readable):
        return None
    return f"listing {name}"


def _check_socket(rules: Policy, args: tuple[Any, ...]) -> str | None:
    if rules.peers and args[1] in (socket.AF_INET, socket.AF_INET6):
        return None
    return "using the network"


def _check_connect(rules: Policy, args: tuple[Any, ...]) -> str | None:
    address = args[1]
    if isinstance(address, tuple) and (str(address[0]), address[1]) in rules.peers:
        return None
    return f"connecting to {_shown(address)}"


def _check_host(rules: Policy, host: Any, port: Any, doing: str) -> str | None:
    name = os.fsdecode(host).lower() if isinstance(host, str | bytes) else str(host)
    try:
        number = int(port) if port is not None else 0
    except ValueError:
        number = -1
    if (name, number) in rules.hosts:
        return None
    return f"{doing} {name}:{port}"


def _check_url(rules: Policy, url: Any) -> str | None:
    parts = urlsplit(str(url))
    if parts.scheme in PORTS:
        try:
            address = ((parts.hostname or "").lower(), parts.port or PORTS[parts.scheme])
        except ValueError:
            address = ("", -1)
        if address in rules.hosts:
            return None
    return f"requesting {parts.scheme}://{parts.netloc}"


def _shown(address: Any) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)
