"""Strict YAML reading: safe nodes only, no aliases, no duplicate keys, dates kept as text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from kettool.core.errors import Problem

# The C parser is ~7x faster than the pure-Python one; fall back where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_scalar_constructor = yaml.SafeLoader("")  # only used for its int/float/bool/null converters
_CONVERTERS = {
    _INT: _scalar_constructor.construct_yaml_int,
    _FLOAT: _scalar_constructor.construct_yaml_float,
    _BOOL: _scalar_constructor.construct_yaml_bool,
    _NULL: _scalar_constructor.construct_yaml_null,
}

Path = tuple[str | int, ...]
# The KB schema nests about eight levels; deeper documents are hostile or broken, and would
# exhaust Python's recursion limit while being turned into data.
MAX_DEPTH = 32


class YamlDate(str):
    """An unquoted YAML date, kept as its text so that it never turns into a datetime."""


class YamlParseError(Exception):
    """The YAML text could not be turned into plain data."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text into plain data and a map from each value's path to its line."""
    line_of = _line_counter(text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = line_of(mark) if mark is not None else None
        raise YamlParseError(Problem(file, f"YAML syntax error: {exc.problem or exc}", line)) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlParseError(
            Problem(
                file,
                f"character U+{char:04X} is not allowed in YAML; write control "
                "characters as escapes in a double-quoted string",
                line,
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlParseError(Problem(file, f"YAML error: {exc}")) from None
    lines: dict[Path, int] = {}
    if root is None:
        return None, lines
    return _Builder(file, lines, line_of).build(root, ()), lines


def _line_counter(text: str) -> Callable[[yaml.Mark], int]:
    """Line numbers as editors count them (libyaml also breaks lines at U+0085, U+2028 and U+2029)."""
    # A mark at the very end of a file may point one line past its last line: clamp it.
    last = text.count("\n") + 1
    if not any(c in text for c in "\x85\u2028\u2029"):
        return lambda mark: min(mark.line + 1, last)
    import bisect

    newlines = [i for i, c in enumerate(text) if c == "\n"]
    return lambda mark: min(bisect.bisect_left(newlines, mark.index) + 1, last)


class _Builder:
    """Turns a composed node tree into plain data, refusing anything unsafe or ambiguous."""

    def __init__(self, file: str, lines: dict[Path, int], line_of: Callable[[yaml.Mark], int]):
        self.file = file
        self.lines = lines
        self.line_of = line_of
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, path: Path, message: str) -> YamlParseError:
        return YamlParseError(Problem(self.file, message, self.line_of(node.start_mark), _dotted(path)))

    def build(self, node: yaml.Node, path: Path) -> Any:
        if len(path) > MAX_DEPTH:
            raise self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
        # An alias makes the composer hand back a node it already returned; refusing the
        # second visit stops "billion laughs" documents before anything is expanded.
        if id(node) in self.seen:
            raise self.fail(node, path, "anchors and aliases are not allowed in the knowledge base")
        self.seen.add(id(node))
        self.lines[path] = self.line_of(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(node, path, f"unsupported YAML tag {node.tag!r}")
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self.fail(node, path, f"unsupported YAML tag {node.tag!r}")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                what = "merge keys (<<)" if key_node.tag == "tag:yaml.org,2002:merge" else "non-text keys"
                raise self.fail(key_node, path, f"{what} are not allowed")
            key = key_node.value
            if key in result:
                raise self.fail(key_node, path + (key,), f"duplicate key {key!r}")
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:
            return YamlDate(node.value)
        convert = _CONVERTERS.get(tag)
        if convert is not None:
            try:
                return convert(node)
            except (ValueError, OverflowError, yaml.YAMLError):
                raise self.fail(node, path, f"cannot read {node.value!r} as {tag.rsplit(':', 1)[-1]}") from None
        raise self.fail(node, path, f"unsupported YAML tag {tag!r} (only plain data is allowed)")


def _dotted(path: Path) -> str:
    """Render a path like ('conditions', 0, 'findings') as conditions[0].findings."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted_path = _dotted
