"""Parse knowledge-base files strictly, check them against the schema, merge their layers and check integrity."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kettool.core.errors import KnowledgeBaseError, Problem
from kettool.core.gc_pause import collector_paused
from kettool.core.kb_files import Layer, bundled_data_dir
from kettool.core.record_base import Record
from kettool.core.schema_check import SchemaChecker
from kettool.core.yamlstrict import YamlParseError, dotted_path, load_yaml, read_yaml

if TYPE_CHECKING:  # files parsed and checked in an earlier run; only the cache provides them
    from kettool.core.kb_cache import ParsedFiles as ParsedSource
    from kettool.core.kb_parts import Body

SCHEMA_FILE = "kb.schema.json"
# Below this many bytes of YAML to check, the schema checker's quick form costs more to build than it saves.
QUICK_CHECK_BYTES = 256 * 1024
# Larger files are refused before parsing: the bundled files are a few tens of KB each.
MAX_FILE_BYTES = 8 * 1024 * 1024
SINGLE_SECTIONS = ("meta", "overview", "mechanism", "safety")
# Sections one file at most defines, which a KB may leave out (a KB without a drug table has no names).
OPTIONAL_SECTIONS = ("drugs",)
LIST_SECTIONS = ("conditions", "studies")


class FileDoc:
    """One parsed KB file; the line of each value is found again from the file when a problem needs one."""

    __slots__ = ("file", "data", "early", "_lines")

    def __init__(self, file: str, data: dict[str, Any], early: Early | None = None):
        self.file = file
        self.data = data
        self.early = early  # what was made of it while other files were still being read
        self._lines: dict[tuple[str | int, ...], int] | None = None

    @property
    def lines(self) -> dict[tuple[str | int, ...], int]:
        """The line of every value, by path, read on the first problem: a valid KB never needs them."""
        if self._lines is None:
            try:
                self._lines = read_yaml(read_kb_text(Path(self.file)), self.file)[1]
            except (KnowledgeBaseError, YamlParseError):
                self._lines = {}  # changed since it was parsed, or gone: the problem is shown without a line
        return self._lines

    def problem(self, path: tuple[str | int, ...], message: str) -> Problem:
        """A problem located at a path in this file, with the nearest known line."""
        lines = self.lines
        probe = path
        while probe and probe not in lines:
            probe = probe[:-1]
        return Problem(self.file, message, lines.get(probe), dotted_path(path))


class CheckedData(Record):
    """Merged KB data with the warnings found while checking it, and where each section and entry came from."""

    data: dict[str, Any]
    warnings: tuple[str, ...]
    # "meta" or ("conditions", id) -> (the file it came from, its path in that file): for locating problems.
    origin: dict[Any, Any]
    # ("conditions", id) -> its index entry, for the records already encoded as their files arrived.
    placed: dict[tuple[str, str], list[Any]] | None = None


def read_kb_text(path: Path) -> str:
    """Read one KB file as UTF-8 text, refusing huge, binary and wrongly encoded files."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnowledgeBaseError(
                [
                    Problem(
                        name,
                        f"file is {size // 1024 // 1024} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB per file",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeBaseError([Problem(name, f"cannot read: {exc.strerror or exc}")]) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KnowledgeBaseError([Problem(name, "file is UTF-16 encoded; save it as UTF-8")])
    if b"\x00" in raw:
        raise KnowledgeBaseError([Problem(name, "file looks binary (it contains NUL bytes)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KnowledgeBaseError(
            [
                Problem(
                    name,
                    f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}; "
                    "Latin-1 or another encoding?); save it as UTF-8",
                    line,
                )
            ]
        ) from None
    if not text.strip():
        raise KnowledgeBaseError([Problem(name, "file is empty")])
    return text


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when the file is read


def kb_schema() -> dict[str, Any]:
    """The JSON Schema that every KB file must satisfy."""
    from kettool.core.plain_data import loads  # json's codec without the json package

    return loads((bundled_data_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))


def parse_files(
    paths: list[Path],
    checker: Callable[[], SchemaChecker],
    parsed: ParsedSource | None = None,
    body: Body | None = None,
) -> list[tuple[FileDoc | None, list[Problem]]]:
    """Read, parse and schema-check files (or take them from `parsed`), returning every problem found in each.

    The files not in `parsed` are read by worker processes when the KB is large and there are cores
    to spare, else one after the other here. Files read by workers have their records placed in `body`.
    """
    from kettool.core.parallel_parse import parse_in_workers

    found = [parsed.get(str(path)) if parsed is not None else None for path in paths]
    results: list[tuple[FileDoc | None, list[Problem]]] = [
        (FileDoc(str(path), data), []) if data is not None else (None, [])
        for path, data in zip(paths, found, strict=True)
    ]
    todo = [i for i, data in enumerate(found) if data is None]
    if not todo:
        return results
    targets = [parsed.target(str(paths[i])) if parsed is not None else None for i in todo]
    sizes = [_size(paths[i]) for i in todo]
    arrived = functools.partial(_early, body)
    from_workers = parse_in_workers([paths[i] for i in todo], sizes, checker(), targets, arrived)
    quick = sum(sizes) >= QUICK_CHECK_BYTES
    for n, i in enumerate(todo):
        path = str(paths[i])
        if from_workers is None:
            doc, problems = read_and_check(paths[i], checker(), quick)
            if doc is not None and not problems and parsed is not None:
                parsed.put(path, doc.data)
        else:
            data, problems, stored, early = from_workers[n]
            doc = FileDoc(path, data, early) if data is not None else None
            if stored and parsed is not None:
                parsed.stored(path)
        results[i] = (doc, problems)
    return results


def read_and_check(path: Path, checker: SchemaChecker, quick: bool = True) -> tuple[FileDoc | None, list[Problem]]:
    """Read, parse and schema-check one file, returning every problem found in it (`quick`: see SchemaChecker)."""
    try:
        text = read_kb_text(path)
        data = load_yaml(text, str(path))
    except KnowledgeBaseError as exc:
        return None, exc.problems
    except YamlParseError as exc:
        return None, [exc.problem]
    doc = FileDoc(str(path), data)
    if data is None:
        return None, [Problem(str(path), "file is empty (it holds no YAML content)")]
    if not isinstance(data, dict):
        return None, [
            doc.problem(
                (), f"the top level must be a mapping of sections ({', '.join(SINGLE_SECTIONS + LIST_SECTIONS)})"
            )
        ]
    return doc, [doc.problem(p, m) for p, m in checker.errors(data, quick)]


def check_layers(layers: list[Layer], parsed: ParsedSource | None = None, body: Body | None = None) -> CheckedData:
    """Parse, check and merge every layer; raise KnowledgeBaseError listing all problems.

    Files found in `parsed` (unchanged since an earlier run checked them) are not parsed again. With a
    `body`, records encoded while other files were still being read are in it (see CheckedData.placed).
    """
    with collector_paused():
        return _check_layers(layers, parsed, body)


def _check_layers(layers: list[Layer], parsed: ParsedSource | None, body: Body | None) -> CheckedData:
    checker = functools.cache(lambda: SchemaChecker(kb_schema()))  # not needed when every file was parsed before
    problems: list[Problem] = []
    results = iter(parse_files([Path(path) for layer in layers for path in layer.files], checker, parsed, body))
    docs_by_layer: list[list[FileDoc]] = []
    for layer in layers:
        docs: list[FileDoc] = []
        for doc, found in itertools.islice(results, len(layer.files)):
            problems.extend(found)
            if doc is not None and not found:
                docs.append(doc)
        docs_by_layer.append(docs)
    if problems:
        raise KnowledgeBaseError(problems)
    merged, origin = _merge(docs_by_layer, problems)
    if problems:  # integrity checks need every section present
        raise KnowledgeBaseError(problems)
    warnings = _check_integrity(merged, origin, [d for docs in docs_by_layer for d in docs], problems)
    if problems:
        raise KnowledgeBaseError(problems)
    return CheckedData(merged, tuple(warnings), origin, _placed(origin))


def _placed(origin: dict[Any, Any]) -> dict[tuple[str, str], list[Any]]:
    """The index entry of each merged condition and study already placed (an overridden record's is unused)."""
    placed: dict[tuple[str, str], list[Any]] = {}
    for key, (doc, path) in origin.items():
        if type(key) is tuple and doc.early is not None and doc.early.placed is not None:
            section, position = path
            placed[key] = doc.early.placed[LIST_SECTIONS.index(section)][position]
    return placed


class Early:
    """What is made of a file's data as it arrives from a worker: its records placed, its references summed up."""

    __slots__ = ("placed", "summary")

    def __init__(self, placed: tuple[list[Any], list[Any]] | None, summary: ReferenceSummary):
        self.placed = placed  # the index entries of its conditions and studies, in file order
        self.summary = summary


def _early(body: Body | None, data: dict[str, Any]) -> Early:
    from kettool.core.kb_parts import place_file

    return Early(None if body is None else place_file(body, data), ReferenceSummary(_references(data)))


def _merge(docs_by_layer: list[list[FileDoc]], problems: list[Problem]) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Merge layers: later layers override earlier ones by id; duplicates inside a layer are errors."""
    merged: dict[str, Any] = {}
    origin: dict[Any, Any] = {}  # section name, or (section, id), -> (file, path)
    lists: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in LIST_SECTIONS}
    for docs in docs_by_layer:
        seen_single: dict[str, FileDoc] = {}
        seen_ids: dict[tuple[str, str], FileDoc] = {}
        for doc in docs:
            for section in SINGLE_SECTIONS + OPTIONAL_SECTIONS:
                if section in doc.data:
                    if section in seen_single:
                        problems.append(
                            doc.problem(
                                (section,), f"section {section!r} is also defined in {seen_single[section].file}"
                            )
                        )
                    seen_single[section] = doc
                    merged[section] = doc.data[section]
                    origin[section] = (doc, (section,))
            for section in LIST_SECTIONS:
                for i, entry in enumerate(doc.data.get(section, ())):
                    key = (section, entry["id"])
                    if key in seen_ids:
                        problems.append(
                            doc.problem(
                                (section, i, "id"), f"duplicate id {entry['id']!r} (also in {seen_ids[key].file})"
                            )
                        )
                    seen_ids[key] = doc
                    lists[section][entry["id"]] = entry
                    origin[key] = (doc, (section, i))
    for section in SINGLE_SECTIONS:
        if section not in merged:
            problems.append(Problem("knowledge base", f"no file defines the required section {section!r}"))
    for section in LIST_SECTIONS:
        merged[section] = list(lists[section].values())
    return merged, origin


def _check_integrity(
    merged: dict[str, Any], origin: dict[Any, Any], docs: list[FileDoc], problems: list[Problem]
) -> list[str]:
    """Check references, unique names and identifiers across the merged KB; return warnings."""
    studies = {s["id"]: s for s in merged["studies"]}
    cited: set[str] = set()
    known_classes = {c["id"] for c in merged.get("drugs", {}).get("classes", ())}
    # Each file's references are checked as soon as they are found and then let go: held for every
    # file at once they took 20 MB of a 5,000-condition KB. Each kind of problem is reported where
    # its check stood before, so that the order of messages is unchanged.
    class_problems: list[Problem] = []
    effect_problems: list[Problem] = []
    outcome_ids: dict[str, set[str]] = {}
    for doc in docs:
        summary = None if doc.early is None else doc.early.summary
        if summary is not None and summary.resolves(studies, known_classes, outcome_ids):
            cited |= summary.cited  # summed up as it arrived: no walk, no problem to place
            continue
        found = _references(doc.data)
        for path, ids in found.cites:
            for i, study_id in enumerate(ids):
                cited.add(study_id)
                if study_id not in studies:
                    problems.append(doc.problem(path + (i,), f"cites unknown study {study_id!r}"))
        _check_claim_classes(doc, found, known_classes, class_problems)
        for path, effect in found.effects:
            _check_outcome_ref(effect["outcome"], effect["study"], studies, doc, path + ("outcome",), effect_problems)
    names: dict[str, str] = {}
    for condition in merged["conditions"]:
        doc, path = origin[("conditions", condition["id"])]
        for i, name in enumerate([condition["id"], condition["name"], *condition["aliases"]]):
            key = name.casefold()
            if names.get(key, condition["id"]) != condition["id"]:
                problems.append(
                    doc.problem(
                        path + (("aliases", i - 2) if i > 1 else ("name",)),
                        f"name {name!r} is used by two conditions: {names[key]!r} and {condition['id']!r}",
                    )
                )
            names[key] = condition["id"]
    for key_field in ("doi", "pmid"):
        owners: dict[str, str] = {}
        for study in merged["studies"]:
            value = study.get(key_field)
            if value is None:
                continue
            value = value.casefold()
            if value in owners:
                doc, path = origin[("studies", study["id"])]
                problems.append(
                    doc.problem(
                        path + (key_field,),
                        f"{key_field} {study[key_field]} is given for two studies: "
                        f"{owners[value]!r} and {study['id']!r}",
                    )
                )
            owners[value] = study["id"]
    _check_unique(merged["safety"]["topics"], origin["safety"], ("topics",), problems)
    if "drugs" in merged:
        _check_drugs(merged["drugs"], origin["drugs"], problems)
    problems.extend(class_problems)
    _check_unique(merged["mechanism"]["hypotheses"], origin["mechanism"], ("hypotheses",), problems)
    for study in merged["studies"]:
        _check_outcomes(study, origin[("studies", study["id"])], problems)
    for condition in merged["conditions"]:
        _check_profiles(condition, studies, origin[("conditions", condition["id"])], problems)
        _check_plain_profiles(condition, origin[("conditions", condition["id"])], problems)
    problems.extend(effect_problems)
    return [f"study {sid!r} is not cited by anything" for sid in studies if sid not in cited]


def _check_drugs(drugs: dict[str, Any], where: tuple[FileDoc, tuple], problems: list[Problem]) -> None:
    """Class ids are unique and every class a name or class points to exists; a name is listed once."""
    doc, base = where
    _check_unique(drugs.get("classes", []), where, ("classes",), problems)
    known = {c["id"] for c in drugs.get("classes", ())}
    for i, drug_class in enumerate(drugs.get("classes", ())):
        for j, broader in enumerate(drug_class.get("part_of", ())):
            if broader not in known:
                problems.append(doc.problem(base + ("classes", i, "part_of", j), f"unknown drug class {broader!r}"))
    seen: dict[str, int] = {}
    for i, name in enumerate(drugs.get("names", ())):
        key = name["name"].casefold()
        if key in seen:
            problems.append(
                doc.problem(
                    base + ("names", i, "name"),
                    f"drug name {name['name']!r} is listed twice (entries {seen[key]} and {i}); "
                    "give one entry all its classes",
                )
            )
        seen[key] = i
        for j, membership in enumerate(name["memberships"]):
            if membership["class_id"] not in known:
                problems.append(
                    doc.problem(
                        base + ("names", i, "memberships", j, "class_id"),
                        f"unknown drug class {membership['class_id']!r}",
                    )
                )


def _check_claim_classes(doc: FileDoc, found: References, known: set[str], problems: list[Problem]) -> None:
    """Every drug class a statement in a file names is a class of the drug table."""
    for path, classes in found.classes:
        for j, class_id in enumerate(classes):
            if class_id not in known:
                problems.append(doc.problem(path + (j,), f"unknown drug class {class_id!r} (see drugs.classes)"))


def _check_outcomes(study: dict[str, Any], where: tuple[FileDoc, tuple], problems: list[Problem]) -> None:
    """Outcome ids are unique in a study; a CI is in order; no arm has more events than people."""
    doc, base = where
    seen: set[str] = set()
    for i, outcome in enumerate(study.get("outcomes", ())):
        at = base + ("outcomes", i)
        if outcome["id"] in seen:
            problems.append(doc.problem(at + ("id",), f"outcome id {outcome['id']!r} is used twice in this study"))
        seen.add(outcome["id"])
        ci = outcome.get("ci")
        if ci and ci[0] > ci[1]:
            problems.append(
                doc.problem(
                    at + ("ci",), f"confidence interval [{ci[0]}, {ci[1]}] is reversed; write it as [lower, upper]"
                )
            )
        for j, arm in enumerate(outcome.get("arms", ())):
            if arm.get("events") is not None and arm["events"] > arm["n"]:
                problems.append(
                    doc.problem(at + ("arms", j, "events"), f"{arm['events']} events in an arm of {arm['n']}")
                )


def _check_profiles(
    condition: dict[str, Any], studies: dict[str, dict[str, Any]], where: tuple[FileDoc, tuple], problems: list[Problem]
) -> None:
    """Profile ids are unique; their studies and outcomes exist; indirect studies say why; upgrades fit the design."""
    doc, base = where
    seen: set[str] = set()
    for i, profile in enumerate(condition.get("profiles", ())):
        at = base + ("profiles", i)
        if profile["id"] in seen:
            problems.append(doc.problem(at + ("id",), f"profile id {profile['id']!r} is used twice in this condition"))
        seen.add(profile["id"])
        listed: set[str] = set()
        for j, entry in enumerate(profile["studies"]):
            here = at + ("studies", j)
            if entry["study"] in listed:
                problems.append(doc.problem(here + ("study",), f"study {entry['study']!r} is listed twice"))
            listed.add(entry["study"])
            if entry["directness"] == "indirect" and not entry.get("reason"):
                problems.append(
                    doc.problem(
                        here,
                        f"indirect study {entry['study']!r} needs a reason "
                        "(mixed diagnoses, subgroup, other population or outcome)",
                    )
                )
            _check_outcome_ref(entry.get("outcome"), entry["study"], studies, doc, here + ("outcome",), problems)
        effect = profile.get("effect")
        if effect is not None:
            if effect["study"] not in listed:
                problems.append(
                    doc.problem(
                        at + ("effect", "study"),
                        f"the effect comes from {effect['study']!r}, which is not among the profile's studies",
                    )
                )
            _check_outcome_ref(effect["outcome"], effect["study"], studies, doc, at + ("effect", "outcome"), problems)
        if profile.get("upgrades") and profile["design"] == "randomized":
            problems.append(
                doc.problem(
                    at + ("upgrades",),
                    "upgrading applies to observational evidence only; randomized evidence starts at high",
                )
            )


def _check_plain_profiles(condition: dict[str, Any], where: tuple[FileDoc, tuple], problems: list[Problem]) -> None:
    """A plain-language statement names a profile of its own condition, if any."""
    doc, base = where
    plain = condition.get("plain_language")
    if not plain:
        return
    known = {p["id"] for p in condition.get("profiles", ())}
    statements: list[tuple[tuple[str | int, ...], Any]] = [(("summary", i), s) for i, s in enumerate(plain["summary"])]
    statements += [(("approval",), plain["approval"])] if plain.get("approval") else []
    for at, statement in statements:
        profile = statement.get("profile")
        if profile is not None and profile not in known:
            problems.append(
                doc.problem(
                    base + ("plain_language", *at, "profile"),
                    f"profile {profile!r} is not a profile of condition {condition['id']!r}",
                )
            )


def _check_outcome_ref(
    outcome: str | None,
    study_id: str,
    studies: dict[str, dict[str, Any]],
    doc: FileDoc,
    path: tuple,
    problems: list[Problem],
) -> None:
    if outcome is None or study_id not in studies:
        return  # an unknown study is reported where it is cited
    if outcome not in {o["id"] for o in studies[study_id].get("outcomes", ())}:
        problems.append(doc.problem(path, f"study {study_id!r} has no outcome {outcome!r}"))


def _check_unique(
    entries: list[dict[str, Any]], where: tuple[FileDoc, tuple], sub: tuple, problems: list[Problem]
) -> None:
    doc, base = where
    seen: dict[str, str] = {}
    for i, entry in enumerate(entries):
        for name in {n.casefold() for n in (entry["id"], entry["name"], *entry.get("aliases", ()))}:
            if name in seen:
                problems.append(
                    doc.problem(base + sub + (i,), f"id, name or alias {name!r} is also used by {seen[name]!r}")
                )
            seen[name] = entry["id"]


class References:
    """What a file's data points at, with paths: cited studies, named drug classes, effect references."""

    __slots__ = ("cites", "classes", "effects")

    def __init__(self) -> None:
        self.cites: list[tuple[tuple, list[str]]] = []
        self.classes: list[tuple[tuple, list[str]]] = []
        self.effects: list[tuple[tuple, dict[str, Any]]] = []


def _references(data: Any) -> References:
    """Every reference in a file's data, in one walk (a large KB has hundreds of thousands of values).

    A citation is a `cites` list or a `study` field naming one study (model_walk.cites_in reads the
    same); a drug-class list is a `classes` list outside the drug table; an effect reference is an
    entry of an `effects` list, whose `study` is a citation too.
    """
    found = References()
    _walk_references(data, (), found)
    return found


def _walk_references(value: Any, path: tuple, found: References) -> None:
    # A module function, not a closure that calls itself: that closure is a reference cycle, and with
    # the cycle collector paused (as it is while a KB is checked) each file's references outlived
    # the check (18 MB for 5,000 conditions).
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _REFERENCE_KEYS:  # one set lookup instead of three comparisons for most keys
                if key == "cites" and isinstance(item, list):
                    found.cites.append((path + (key,), item))
                    continue
                if key == "study" and isinstance(item, str):
                    found.cites.append((path + (key,), [item]))
                    continue
                if key == "classes" and isinstance(item, list) and path[:1] != ("drugs",):
                    found.classes.append((path + (key,), item))
                    continue
                if key == "effects" and isinstance(item, list):
                    found.effects += [(path + (key, i), ref) for i, ref in enumerate(item) if isinstance(ref, dict)]
            # Most values are text or numbers: told apart by exact type before the costlier isinstance.
            if type(item) not in _SCALARS and isinstance(item, (dict, list)):
                _walk_references(item, path + (key,), found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if type(item) not in _SCALARS and isinstance(item, (dict, list)):
                _walk_references(item, path + (i,), found)


class ReferenceSummary:
    """What a file's data points at, without paths: enough to see that every reference resolves."""

    __slots__ = ("cited", "classes", "effects")

    def __init__(self, found: References):
        self.cited = {study_id for _path, ids in found.cites for study_id in ids}
        self.classes = {class_id for _path, ids in found.classes for class_id in ids}
        self.effects = {(ref["study"], ref["outcome"]) for _path, ref in found.effects if ref["outcome"] is not None}

    def resolves(
        self, studies: dict[str, dict[str, Any]], known_classes: set[str], outcome_ids: dict[str, set[str]]
    ) -> bool:
        """Whether every study, drug class and outcome it names exists (outcome_ids: a cache of each study's)."""
        if not (self.cited.issubset(studies) and self.classes.issubset(known_classes)):
            return False
        for study_id, outcome in self.effects:
            known = outcome_ids.get(study_id)
            if known is None:
                known = outcome_ids[study_id] = {o["id"] for o in studies[study_id].get("outcomes", ())}
            if outcome not in known:
                return False
        return True


_REFERENCE_KEYS = frozenset({"cites", "study", "classes", "effects"})
_SCALARS = frozenset({str, int, float, bool, type(None)})
