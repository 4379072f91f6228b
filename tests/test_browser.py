"""Every HTML answer and SVG picture in a real browser (headless Chromium): drawn, quiet, offline, and printable.

Chromium comes from the distribution's packages (.ci/run installs it); where it or Playwright is missing,
these tests skip and say why. The sheets are printed to PDF on A4 and on US Letter and read back with
poppler's pdftotext and pdfinfo.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kettool.core import questions
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.render.formats import OutputFormat, render
from tests.test_html import BUNDLED, html_answers

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extras install it
    sync_playwright = None
HAS_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="Chromium (Debian package 'chromium') or Playwright is not installed; browser tests skipped",
)
needs_poppler = pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils (pdftotext, pdfinfo) is not installed")
# As the workplace's machines run Chromium headless: no background traffic to Google's hosts.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_BUDGET = 2
PAPERS = ("A4", "Letter")
KB = load_knowledge_base(KbSettings(cache_dir=None))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Visit:
    """A page loaded from a file, with every console error and every request it made."""

    def __init__(self, browser, path: Path, width: int = 1000):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.url = path.as_uri()

    def network_requests(self) -> list[str]:
        """Every request but the one for the file itself."""
        return [r for r in self.requests if r != self.url]

    def drawn_share(self) -> float:
        """The share of the screenshot's pixels that are not background white."""
        from PIL import Image

        shot = Image.open(io.BytesIO(self.page.screenshot())).convert("L")
        dark = sum(count for level, count in enumerate(shot.histogram()) if level < 235)
        return dark / (shot.width * shot.height)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@needs_browser
@pytest.mark.parametrize("name", list(html_answers(BUNDLED)))
def test_html_answer_draws_in_chromium_with_no_console_errors_and_no_network(browser, tmp_path, name):
    path = write(tmp_path, f"{name}.html", render(html_answers(BUNDLED)[name], OutputFormat.HTML))
    visit = Visit(browser, path)
    assert visit.errors == [] and visit.network_requests() == []
    assert visit.drawn_share() > 0.01, "the screenshot is blank"
    visit.page.close()


@needs_browser
def test_the_blank_check_can_fail(browser, tmp_path):
    visit = Visit(browser, write(tmp_path, "blank.html", "<!DOCTYPE html><html><body></body></html>"))
    assert visit.drawn_share() < 0.001


def plotted_conditions() -> list[str]:
    """Every condition with a forest plot, so every SVG kettool can write is drawn."""
    from kettool.core.errors import NotFoundError

    found = []
    for condition in KB.conditions:
        try:
            questions.forest(KB, condition.id)
        except NotFoundError:
            continue
        found.append(condition.id)
    return found


@needs_browser
@pytest.mark.parametrize("condition", plotted_conditions())
def test_forest_svg_draws_in_chromium_as_a_file_of_its_own(browser, tmp_path, condition):
    path = write(tmp_path, f"{condition}.svg", render(questions.forest(KB, condition), OutputFormat.SVG))
    visit = Visit(browser, path)
    assert visit.errors == [] and visit.network_requests() == []
    assert visit.drawn_share() > 0.01
    visit.page.close()


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def first_reference(markup: str) -> str:
    """The first words of the first reference on a page."""
    item = re.search(r'<ol class="references">\s*<li>(.*?)</li>', markup, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", item).split()[:3])


@needs_browser
@needs_poppler
@pytest.mark.parametrize("audience", ["clinician", "patient"])
@pytest.mark.parametrize("condition", [c.id for c in KB.conditions])
def test_sheet_prints_within_its_page_budget_with_its_key_text(browser, tmp_path, condition, audience):
    markup = render(questions.sheet(KB, condition, audience), OutputFormat.HTML)
    # Printed from a wide window, as a desktop browser would (Chromium's print layout follows the window).
    visit = Visit(browser, write(tmp_path, "sheet.html", markup), width=1280)
    assert visit.errors == [] and visit.network_requests() == []
    name = next(c.name for c in KB.conditions if c.id == condition)
    for paper in PAPERS:
        pdf = tmp_path / f"sheet-{paper}.pdf"
        pdf.write_bytes(visit.page.pdf(format=paper, print_background=True))
        text = pdf_text(pdf)
        assert pdf_pages(pdf) <= PAGE_BUDGET, f"{condition} {audience} on {paper}: {pdf_pages(pdf)} pages"
        assert " ".join(name.split()[:3]) in text
        assert " ".join(KB.meta.disclaimer.split()) in text
        assert first_reference(markup) in text
        if audience == "clinician":
            assert re.search(r"Certainty .*(high|moderate|low|very low)", text)
        else:
            assert "How sure are we?" in text and "We are confident about this." in text
    visit.page.close()
