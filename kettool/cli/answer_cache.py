"""A cache of finished answers, so that asking the same question again costs almost nothing.

An answer is stored inside the cache entry of the knowledge base it came from, keyed by the
command, its arguments, the output format and everything about the terminal that shapes text
(width, colour, encoding). A changed KB has a new entry, so an answer can never be stale.
"""

import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from kettool import __version__
from kettool.cli.run_identity import RENDER_ENV, checksum, checksum_of, code_identity, env_flag, terminal_properties

if TYPE_CHECKING:
    from kettool.core.kb_files import Layer

__all__ = ["MAX_ANSWERS", "StoredAnswers", "code_identity", "stored_answers"]

MAX_ANSWERS = 5000


class StoredAnswers:
    """The answers folder of one KB cache entry, and the key of one question."""

    def __init__(self, folder: Path, key: str, kb_key: str = "", kb_layers: "Sequence[Layer]" = ()):
        self.folder = folder
        self.key = key
        self.kb_key = kb_key  # the key of the KB cache entry this answer belongs to
        self.kb_layers = kb_layers  # the listing kb_key was made from
        self.file = folder / f"{zlib.crc32(key.encode()):08x}{len(key) & 0xFFF:03x}.txt"

    def read(self) -> Optional[tuple[str, str]]:
        """The stored answer and its KB's review date, or None unless it is for exactly this key and arrived whole."""
        try:
            with self.file.open(encoding="utf-8", newline="") as stream:
                if stream.readline() != self.key + "\n":
                    return None
                check = stream.readline().rstrip("\n")
                reviewed = stream.readline().rstrip("\n")
                text = stream.read()
        except (OSError, ValueError):
            return None
        # A length and CRC line guards against truncated, appended-to or otherwise damaged files.
        return (text, reviewed) if check == checksum(reviewed + "\n" + text) else None

    def write(self, text: str, reviewed: str) -> None:
        """Store an answer atomically; a full or unwritable cache only costs speed."""
        from kettool.core.atomic_files import replace_file

        try:
            self.folder.mkdir(exist_ok=True)  # fails, as it should, if the KB entry itself is missing
            if len(os.listdir(self.folder)) >= MAX_ANSWERS:
                return
        except OSError:
            return
        # The KB's review date travels with the answer, so that a replay can tell an old KB cheaply.
        reviewed = " ".join(reviewed.split())
        # Encoded once, for the checksum and the file alike: an answer can be hundreds of KB.
        body = [f"{reviewed}\n".encode(), text.encode()]
        replace_file(self.file, [f"{self.key}\n{checksum_of(body)}\n".encode(), *body])


def stored_answers(cli: Any, command: str, params: dict, fmt: str) -> Optional[StoredAnswers]:
    """Where the answer to this exact question would be stored, or None when caching is off."""
    if cli.kb.cache_dir is None or env_flag("KETTOOL_NO_ANSWER_CACHE"):
        return None
    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.knowledge_base import open_cache, resolve_layers

    try:
        layers = resolve_layers(cli.kb)
        cache = open_cache(cli.kb, layers)
    except KnowledgeBaseError:
        return None  # the loader will report it
    if cache is None:
        return None
    terminal, size, encoding = terminal_properties()
    environment = "|".join(f"{name}={os.environ.get(name, '')}" for name in RENDER_ENV)
    key = repr(
        (
            __version__,
            code_identity(),
            command,
            sorted((k, repr(v)) for k, v in params.items()),
            fmt,
            cli.color.value,
            terminal,
            size,
            encoding,
            environment,
        )
    )
    return StoredAnswers(cache.folder / "answers", key, cache.key, layers)
