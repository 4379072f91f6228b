"""kettool: an offline, citation-backed reference on ketamine and esketamine in mental health."""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("kettool")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
