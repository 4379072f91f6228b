"""kettool: an offline, citation-backed reference on ketamine and esketamine in mental health."""

__version__ = "0.2.0"
