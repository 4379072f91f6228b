"""Every readable passage of the knowledge base, with where it lives and what it cites."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kettool.core.models import Claim, KnowledgeBase


@dataclass(frozen=True)
class Passage:
    """One piece of KB text: 'condition ptsd › findings' and the words found there."""

    location: str
    path: tuple[str, ...]
    text: str
    cites: tuple[str, ...] = ()


def _claims(location: str, path: tuple[str, ...], claims: tuple[Claim, ...]) -> Iterator[Passage]:
    for claim in claims:
        text = f"{claim.text} ({claim.drug})" if claim.drug else claim.text
        yield Passage(location, path, text, claim.cites)


def passages(kb: KnowledgeBase) -> Iterator[Passage]:
    """Yield every passage: conditions, mechanism, safety, overview, then studies."""
    for c in kb.conditions:
        loc, base = f"condition {c.id}", ("condition", c.id)
        yield Passage(f"{loc} › summary", base + ("summary",), c.summary)
        yield Passage(f"{loc} › certainty", base + ("certainty",), f"{c.certainty.label}. {c.certainty_rationale}")
        for s in c.regulatory_status:
            yield Passage(f"{loc} › regulatory status", base + ("regulatory_status",),
                          f"{s.formulation}, {s.region}: {s.status}", s.cites)
        yield from _claims(f"{loc} › findings", base + ("findings",), c.findings)
        for p in c.protocols:
            text = f"{p.drug}, {p.route}, {p.dose}, {p.schedule}" + (f". {p.notes}" if p.notes else "")
            yield Passage(f"{loc} › protocols", base + ("protocols",), text, p.cites)
        yield from _claims(f"{loc} › onset", base + ("onset",), (c.onset,))
        yield from _claims(f"{loc} › duration", base + ("duration",), (c.duration,))
        for text in c.limitations:
            yield Passage(f"{loc} › limitations", base + ("limitations",), text)
        for text in c.open_questions:
            yield Passage(f"{loc} › open questions", base + ("open_questions",), text)
    m = kb.mechanism
    yield Passage("mechanism › summary", ("mechanism", "summary"), m.summary)
    yield from _claims("mechanism › primary pharmacology", ("mechanism", "primary"), m.primary)
    for h in m.hypotheses:
        loc, base = f"mechanism › {h.name}", ("mechanism", "hypotheses", h.id)
        yield Passage(loc, base, h.summary)
        yield from _claims(f"{loc} › evidence for", base + ("evidence_for",), h.evidence_for)
        yield from _claims(f"{loc} › evidence against", base + ("evidence_against",), h.evidence_against)
    for e in m.enantiomers:
        yield Passage(f"mechanism › enantiomers › {e.name}", ("mechanism", "enantiomers", e.id), e.summary, e.cites)
    for r in m.routes:
        text = f"{r.route}: bioavailability {r.bioavailability}" + (f". {r.notes}" if r.notes else "")
        yield Passage(f"mechanism › routes › {r.route}", ("mechanism", "routes"), text, r.cites)
    yield from _claims("mechanism › glutamate and GABA in people", ("mechanism", "human_neurochemistry"),
                       m.human_neurochemistry)
    yield Passage("safety › summary", ("safety", "summary"), kb.safety.summary)
    for t in kb.safety.topics:
        loc, base = f"safety › {t.id}", ("safety", t.id)
        if t.summary:
            yield Passage(loc, base, t.summary)
        yield from _claims(loc, base + ("items",), t.items)
        for table in t.tables:
            for row in table.rows:
                cells = ", ".join(f"{col} {cell}" for col, cell in zip(table.columns[1:], row[1:]))
                yield Passage(f"{loc} › {table.title}", base + ("tables",), f"{row[0]}: {cells}", table.cites)
    o = kb.overview
    yield Passage("overview › summary", ("overview", "summary"), o.summary)
    for f in o.forms:
        yield Passage(f"overview › forms › {f.name}", ("overview", "forms", f.id), f.summary, f.cites)
    yield from _claims("overview › history", ("overview", "history"), o.history)
    for e in o.timeline:
        yield Passage(f"overview › timeline › {e.date}", ("overview", "timeline"), f"{e.region}: {e.event}", e.cites)
    for c in o.claims_checked:
        yield Passage("overview › claims checked", ("overview", "claims_checked"),
                      f"{c.claim} Verdict: {c.verdict.replace('-', ' ')}. {c.evidence}", c.cites)
    for s in kb.studies.values():
        loc, base = f"study {s.id}", ("study", s.id)
        yield Passage(f"{loc} › title", base + ("title",), s.title)
        yield Passage(f"{loc} › key result", base + ("key_result",), s.key_result)
        for field in ("design", "population", "intervention", "comparator", "primary_outcome", "notes"):
            value = getattr(s, field)
            if value:
                yield Passage(f"{loc} › {field.replace('_', ' ')}", base + (field,), value)


def citing_passages(kb: KnowledgeBase, study_id: str) -> list[Passage]:
    """The passages that cite a study, in KB order."""
    return [p for p in passages(kb) if study_id in p.cites]
