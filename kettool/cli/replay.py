"""Replay a stored answer before Typer, Rich or the models load, when everything that shapes it is provably the same.

The normal path (pipeline.respond) stores each answer under a key of the parsed question. Beside it,
this module keeps a record under a key of the raw question: the exact arguments, the working folder,
every environment variable that can change an answer or where it goes, the terminal (whether stdout
is one, its size and encoding), kettool's version and the identity of its code. The record also holds
the knowledge-base settings the normal path resolved from those arguments and the key of the KB they
named; a replay recomputes that key from the KB files on disk and replays only when it matches.
Anything unusual (completion, a cache switched off, a missing or damaged record) falls through to the
normal path, which answers as if this module did not exist.
"""

from __future__ import annotations

import os
import zlib

from kettool import __version__
from kettool.cli.run_identity import RENDER_ENV, cache_root, checksum_of, code_identity, env_flag, terminal_properties

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: this module must stay cheap
if TYPE_CHECKING:
    from kettool.cli.settings import CliState

# Environment variables, besides those Rich reads (RENDER_ENV), that can change an answer, the KB it
# comes from, the cache it is stored in, or how it is delivered.
_ANSWER_ENV = ("HOME", "XDG_CACHE_HOME", "PAGER", "LESS", "LANG", "LANGUAGE")
_ANSWER_ENV_PREFIXES = ("KETTOOL_", "_KETTOOL", "LC_", "PYTHON")
FOLDER = ".replay"  # a dot: not a KB cache entry, never pruned as one
MAX_RECORDS = 5000
# The arguments of this process when it came in through kettool.cli.app.run (not through a test runner).
invoked_with: list[str] | None = None


def replay(argv: list[str]) -> bool:
    """Write the stored answer to this exact command line and return True, or return False to run normally."""
    found = _stored(argv)
    if found is None:
        return False
    text, reviewed, pager, pageable, cache_dir = found
    from kettool.cli import streams

    streams.warn_if_old(reviewed, cache_dir)
    streams.deliver_encoded(text, pageable, pager)
    return True


def remember(cli: CliState, kb_key: str, text: str, reviewed: str, pageable: bool) -> None:
    """Keep a record of this answer under the raw command line, so that asking again skips Typer."""
    from pathlib import Path

    from kettool.core.atomic_files import replace_file

    if invoked_with is None:
        return
    key = raw_key(invoked_with)
    folder = _folder()
    if key is None or folder is None or cli.kb.cache_dir is None:
        return
    kb_path = "-" if cli.kb.kb_path is None else os.fsencode(str(cli.kb.kb_path)).hex()
    settings = "\t".join((kb_key, kb_path, str(int(cli.kb.extend)), str(int(cli.pager)), str(int(pageable))))
    reviewed = " ".join(reviewed.split())
    # Encoded once, for the checksum and the file alike: an answer can be hundreds of KB.
    body = [f"{settings}\n{reviewed}\n".encode(), text.encode()]
    try:
        os.makedirs(folder, exist_ok=True)
        if len(os.listdir(folder)) >= MAX_RECORDS:
            return
    except OSError:
        return
    replace_file(Path(_record_file(folder, key)), [f"{key}\n{checksum_of(body)}\n".encode(), *body])


def raw_key(argv: list[str]) -> str | None:
    """The key of this raw command line in this process's surroundings, or None when nothing may be replayed."""
    environ = os.environ
    if any(name.startswith("_KETTOOL_COMPLETE") for name in environ):
        return None  # shell completion: never an answer
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    names = sorted(n for n in environ if n in RENDER_ENV or n in _ANSWER_ENV or n.startswith(_ANSWER_ENV_PREFIXES))
    return repr(
        (
            __version__,
            code_identity(),
            argv,
            cwd,
            [(n, environ[n]) for n in names],
            terminal_properties(),
        )
    )


def _stored(argv: list[str]) -> tuple[bytes, str, bool, bool, str] | None:
    """The answer (UTF-8), review date, pager and pageable flags and cache folder of a valid record, or None."""
    if env_flag("KETTOOL_NO_ANSWER_CACHE"):
        return None
    key = raw_key(argv)
    folder = _folder()
    if key is None or folder is None:
        return None
    try:
        # Bytes, not text: the answer is checked and written as stored, never decoded and encoded again.
        with open(_record_file(folder, key), "rb") as stream:
            data = stream.read()
        stored_key, check, body = data.split(b"\n", 2)
        if stored_key != key.encode("utf-8", "surrogatepass"):
            return None
        if check != f"{len(body)}:{zlib.crc32(body):08x}".encode():  # the checksum() of the text
            return None  # truncated, appended to or otherwise damaged
        settings, reviewed, text = body.split(b"\n", 2)
        kb_key, kb_path, extend, pager, pageable = settings.decode().split("\t")
    except (OSError, ValueError):
        return None
    root = cache_root()
    if root is None or not _same_kb(kb_key, kb_path, extend == "1"):
        return None
    return text, reviewed.decode(), pager == "1", pageable == "1", root


def _same_kb(kb_key: str, kb_path: str, extend: bool) -> bool:
    """True when the KB these settings name still has the key it had when the answer was stored."""
    from kettool.core.kb_identity import cache_key, kb_path_files, layer_roots

    layers = []
    try:
        for name, root in layer_roots(None if kb_path == "-" else os.fsdecode(bytes.fromhex(kb_path)), extend):
            files, stats, odd = kb_path_files(root)
            if odd:
                return False  # the normal path reports these problems
            layers.append((name, files, stats))
        return cache_key(layers, __version__) == kb_key
    except (OSError, ValueError):
        return False


def _folder() -> str | None:
    root = cache_root()
    return None if root is None else os.path.join(root, FOLDER)


def _record_file(folder: str, key: str) -> str:
    data = key.encode("utf-8", "surrogatepass")
    return os.path.join(folder, f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}.txt")
