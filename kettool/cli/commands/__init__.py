"""The command table: every command's name, in the order help lists them; each lives in the module of that name.

A command's module defines a function of the same name (its docstring is the command's help) and is
imported only when that command runs, or when help or completion needs them all.
"""

COMMANDS = (
    "conditions",
    "condition",
    "mechanism",
    "safety",
    "overview",
    "search",
    "studies",
    "study",
    "compare",
    "why",
    "forest",
    "sheet",
    "interactions",
    "cite",
    "export",
    "schema",
    "validate",
    "audit",
)
