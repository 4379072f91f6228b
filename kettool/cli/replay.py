"""Replay a stored answer before Typer, Rich or the models load, when everything that shapes it is provably the same.

The normal path (pipeline.respond) stores each answer under a key of the parsed question. Beside it,
this module keeps a record under a key of the raw question: the exact arguments, the working folder,
every environment variable that can change an answer or where it goes, the terminal (whether stdout
is one, its size and encoding), kettool's version and the identity of its code. The record also holds
the key of the KB the answer came from; beside the records, a listing of that KB's files and folders
(kb-KEY.bin) lets a replay make the key again from their stats, without reading any folder, and
replay only when it matches and no folder changed.
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
    from collections.abc import Sequence
    from pathlib import Path

    from kettool.cli.settings import CliState
    from kettool.core.kb_files import Layer

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


def remember(cli: CliState, kb_key: str, layers: Sequence[Layer], text: str, reviewed: str, pageable: bool) -> None:
    """Keep a record of this answer under the raw command line, so that asking again skips Typer.

    `layers` are the KB layers whose listing made kb_key: the files and folders a replay checks.
    """
    from pathlib import Path

    from kettool.core.atomic_files import replace_file, replace_file_with

    if invoked_with is None:
        return
    key = raw_key(invoked_with)
    folder = _folder()
    listing = _listing(kb_key, layers)
    if key is None or folder is None or cli.kb.cache_dir is None or listing is None:
        return
    settings = "\t".join((kb_key, str(int(cli.pager)), str(int(pageable))))
    reviewed = " ".join(reviewed.split())
    # Encoded once, for the checksum and the file alike: an answer can be hundreds of KB.
    body = [f"{settings}\n{reviewed}\n".encode(), text.encode()]
    listing_file = _listing_file(folder, kb_key)
    try:
        os.makedirs(folder, exist_ok=True)
        if len(os.listdir(folder)) >= MAX_RECORDS:
            return
        with open(listing_file, "rb") as stream:
            written = stream.read() == listing
    except FileNotFoundError:
        written = False
    except OSError:
        return
    # Every record of this KB shares one listing; it changes when a folder does but no KB file.
    if not written and not replace_file_with(Path(listing_file), lambda temp: _write_bytes(temp, listing)):
        return
    replace_file(Path(_record_file(folder, key)), [f"{key}\n{checksum_of(body)}\n".encode(), *body])


def _listing(kb_key: str, layers: Sequence[Layer]) -> bytes | None:
    """What a replay checks for kb_key: each layer's files and folders, and the key of the folders' stats.

    None when a layer's folders prove nothing (one changed just now, or holds a symbolic link). Paths
    are joined by NUL, which no path holds; nothing guards the listing but the keys: a damaged one
    makes a key that differs.
    """
    from kettool.core.kb_identity import paths_checksum, stat_key

    heads, blobs, folder_layers = [], [], []
    if not layers:
        return None
    for layer in layers:
        if layer.folders is None:
            return None
        name = os.fsencode(layer.name)
        files = os.fsencode("\0".join([os.fspath(path) for path in layer.files]))
        folders = os.fsencode("\0".join(layer.folders[0]))
        files_sum, folders_sum = paths_checksum(files), paths_checksum(folders)
        heads.append(b"%d %d %d %s %s" % (len(name), len(files), len(folders), files_sum, folders_sum))
        blobs += [name, files, folders]
        folder_layers.append((name, folders_sum, layer.folders[1]))
    folders_key = stat_key(folder_layers, __version__)
    return b"%s %s %s\n%s" % (kb_key.encode(), folders_key.encode(), b",".join(heads), b"".join(blobs))


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
        kb_key, pager, pageable = settings.decode().split("\t")
    except (OSError, ValueError):
        return None
    root = cache_root()
    if root is None or not _same_kb(kb_key, folder):
        return None
    return text, reviewed.decode(), pager == "1", pageable == "1", root


def _same_kb(kb_key: str, folder: str) -> bool:
    """True when the KB files listed for kb_key still have that key, and their folders hold no other files.

    Nothing is listed again: each folder's stats, taken before it was listed, show that no entry was
    added, removed or renamed in it since, and the files' own stats make the key again.
    """
    from kettool.core.kb_identity import stat_key

    try:
        with open(_listing_file(folder, kb_key), "rb") as stream:
            data = stream.read()
        head, at = data.split(b"\n", 1)[0], data.index(b"\n") + 1
        stored_key, folders_key, sizes = head.split(b" ", 2)
        if stored_key != kb_key.encode():
            return False
        files, folders = [], []
        for layer in sizes.split(b","):
            sizes_and_sums = layer.split(b" ")
            name_size, files_size, folders_size = map(int, sizes_and_sums[:3])
            files_sum, folders_sum = sizes_and_sums[3:]
            name, at = data[at : at + name_size], at + name_size
            file_blob, at = data[at : at + files_size], at + files_size
            folder_blob, at = data[at : at + folders_size], at + folders_size
            # Stat'ed as the key is made: one C-level pass a layer, and no list of stats kept.
            files.append((name, files_sum, map(os.stat, file_blob.split(b"\0"))))
            folders.append((name, folders_sum, map(os.stat, folder_blob.split(b"\0") if folder_blob else ())))
        if at != len(data):
            return False
        return stat_key(folders, __version__).encode() == folders_key and stat_key(files, __version__) == kb_key
    except (OSError, ValueError):
        return False


def _folder() -> str | None:
    root = cache_root()
    return None if root is None else os.path.join(root, FOLDER)


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(data)


def _listing_file(folder: str, kb_key: str) -> str:
    return os.path.join(folder, f"kb-{kb_key}.bin")


def _record_file(folder: str, key: str) -> str:
    data = key.encode("utf-8", "surrogatepass")
    return os.path.join(folder, f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}.txt")
