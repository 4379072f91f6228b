"""`kettool forest`: forest plots from the structured outcomes, in the terminal, as JSON and as SVG."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from kettool.core.forest import Filters, forest
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.lookup import find_condition

KB = load_knowledge_base(KbSettings(cache_dir=None))
SVG = "{http://www.w3.org/2000/svg}"


def plot_lines(output: str) -> list[str]:
    """The answer's lines without the two-line footer (review date and disclaimer)."""
    return output.splitlines()[:-2]


def test_forest_depression_draws_each_study_with_its_numbers_and_a_bar(kettool):
    result = kettool("forest", "depression")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    row = next(line for line in out.splitlines() if "Popova et al. 2019" in line)
    assert "114/109" in row and "-4.0 [-7.31, -0.64]" in row and "■" in row
    assert "Compared with placebo" in out and "Compared with active placebo" in out
    assert "← favours esketamine" in out and "favours placebo →" in out
    assert "MD [95% CI]" in out and "OR [95% CI]" in out


def test_forest_marks_the_line_of_no_effect_on_every_bar_that_crosses_it(kettool):
    lines = kettool("forest", "depression").stdout.splitlines()
    fedgchin = next(line for line in lines if "Fedgchin et al. 2019" in line)  # CI -6.88 to 0.45 crosses 0
    bar = fedgchin[fedgchin.index("]", fedgchin.index("[-6.88")) + 1 :]
    assert "│" in bar and bar.index("■") < bar.index("│"), bar  # the estimate left of no effect


def test_forest_shows_published_pooled_estimates_as_diamonds_labelled_with_their_source(kettool):
    out = kettool("forest", "depression").stdout
    pooled = next(line for line in out.splitlines() if "(pooled)" in line)
    assert "Dean et al. 2021 (pooled)" in pooled and "◆" in pooled
    assert "kettool does not pool" in out


def test_forest_uses_a_log_scale_for_ratio_measures(kettool):
    data = json.loads(kettool("forest", "depression", "--json").stdout)["data"]
    plots = [p for g in data["groups"] for p in g["plots"]]
    ratio = [p for p in plots if p["measure"].endswith("-ratio")]
    assert ratio and all(p["scale"] == "log" and p["axis"]["no_effect"] == 1 for p in ratio)
    difference = [p for p in plots if p["measure"].endswith("-difference")]
    assert difference and all(p["scale"] == "linear" and p["axis"]["no_effect"] == 0 for p in difference)


def test_forest_lists_studies_left_off_a_plot_with_the_reason(kettool):
    out = kettool("forest", "depression").stdout
    assert "Not plotted:" in out
    assert re.search(r"Takahashi et al\. 2021 \[\d+\]: indirect evidence: Japanese phase 2b", " ".join(out.split()))


@pytest.mark.parametrize("condition", [c.id for c in KB.conditions])
def test_forest_never_drops_a_study_of_a_profile_silently(condition):
    """Every study a plotted profile lists is either on its plot or named under it with a reason."""
    try:
        plots = forest(KB, find_condition(KB, condition), Filters())
    except LookupError:
        return  # nothing to plot: the command says so (tested below)
    for group in plots.groups:
        for plot in group.plots:
            shown = {r.study.id for r in (*plot.rows, *plot.pooled)}
            left_off = {n.study.id for n in plot.not_plotted}
            assert all(n.reason.strip() for n in plot.not_plotted)
            assert {s.study for s in plot.profile.studies} == shown | left_off, plot.profile.id


@pytest.mark.parametrize("condition", [c.id for c in KB.conditions])
def test_forest_carries_the_record_of_every_study_it_names(condition):
    """Plotted or not, a study the answer names is in its studies, so its reference is listed in full."""
    try:
        plots = forest(KB, find_condition(KB, condition), Filters())
    except LookupError:
        return
    named = {r.study.id for g in plots.groups for p in g.plots for r in (*p.rows, *p.pooled)}
    named |= {n.study.id for g in plots.groups for p in g.plots for n in p.not_plotted}
    named |= {n.study.id for _, missing in plots.without_plot for n in missing}
    assert named == set(plots.studies)


def test_forest_reference_list_gives_full_references_for_studies_not_plotted(kettool):
    out = kettool("forest", "depression", env={"COLUMNS": "200"}).stdout
    references = out[out.index("References") :]
    assert "Takahashi" in references and not re.search(r"^ +\d+\. [a-z0-9_]+$", references, re.M)


@pytest.mark.parametrize("width", [80, 60])
def test_forest_fits_the_terminal_width(kettool, width):
    out = kettool("forest", "depression", env={"COLUMNS": str(width)}).stdout
    assert max(len(line) for line in plot_lines(out)) <= width
    assert "■" in out and "│" in out


def test_forest_filters_by_comparator(kettool):
    out = kettool("forest", "depression", "--comparator", "active-placebo").stdout
    assert "Compared with active placebo" in out and "Compared with placebo\n" not in out
    assert "Filters: --comparator active-placebo" in out


def test_forest_filters_by_design_keep_only_published_pooled_estimates(kettool):
    data = json.loads(kettool("forest", "depression", "--design", "meta-analysis", "--json").stdout)["data"]
    rows = [r for g in data["groups"] for p in g["plots"] for r in p["rows"] + p["pooled"]]
    assert rows and all(r["design"] == "meta-analysis" and r["pooled"] for r in rows)


def test_forest_filters_by_profile_and_outcome(kettool):
    data = json.loads(kettool("forest", "depression", "--profile", "racemic-iv-single-vs-saline-24h", "--json").stdout)
    profiles = [p["profile"] for g in data["data"]["groups"] for p in g["plots"]]
    assert profiles == ["racemic-iv-single-vs-saline-24h"]
    data = json.loads(kettool("forest", "depression", "--outcome", "day 28", "--json").stdout)["data"]
    assert [p["time_point"] for g in data["groups"] for p in g["plots"]] == ["day 28"]


@pytest.mark.parametrize(
    ("option", "typo", "suggestion"),
    [
        ("--comparator", "activ", "active-placebo"),
        ("--profile", "racemic-iv-single-vs-salin", "racemic-iv-single-vs-saline-24h"),
        ("--design", "metaanalysis", "meta-analysis"),
        ("--outcome", "remision", "remission"),
    ],
)
def test_forest_unknown_filter_value_gets_did_you_mean_and_exit_1(kettool, option, typo, suggestion):
    result = kettool("forest", "depression", option, typo)
    assert result.exit_code == 1 and result.stdout == ""
    assert "Did you mean" in result.stderr and suggestion in result.stderr


def test_forest_of_a_condition_without_structured_estimates_says_so_and_exits_1(kettool):
    result = kettool("forest", "eating-disorders")
    assert result.exit_code == 1 and result.stdout == ""
    assert "has no structured outcome with an estimate and a 95% CI to plot" in result.stderr


def test_forest_unknown_condition_gets_did_you_mean(kettool):
    result = kettool("forest", "depresion")
    assert result.exit_code == 1 and "depression" in result.stderr


def test_forest_json_gives_the_plotted_data(kettool, output_validator):
    document = json.loads(kettool("forest", "ptsd", "--json").stdout)
    output_validator.validate(document)
    plot = document["data"]["groups"][0]["plots"][0]
    row = (plot["rows"] + plot["pooled"])[0]
    assert row["ci_low"] <= row["estimate"] <= row["ci_high"]
    assert plot["axis"]["low"] <= row["ci_low"] and row["ci_high"] <= plot["axis"]["high"]


def test_forest_markdown_has_a_table_per_plot(kettool):
    out = kettool("forest", "depression", "--format", "markdown").stdout
    assert "| Study | n per arm | MD \\[95% CI\\] |" in out
    assert "| Popova et al. 2019 [1] | 114/109 | \\-4.0 \\[-7.31, -0.64\\] |" in out


def test_forest_svg_is_a_standalone_valid_xml_picture_with_text_alternatives(kettool):
    result = kettool("forest", "depression", "--format", "svg")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("Forest plots of the structured outcomes")
    assert "Popova et al. 2019 [1]: -4.0 (95% CI -7.31, -0.64)" in root.find(f"{SVG}desc").text
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "rect", "line", "polygon", "text"}, tags
    attributes = {name for element in root.iter() for name in element.attrib}
    assert not {a for a in attributes if "href" in a or a.startswith("on")}, attributes
    assert (
        "url(" not in result.stdout
        and "@import" not in result.stdout
        and "http://" not in result.stdout.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )


def test_svg_format_is_refused_for_answers_that_are_not_pictures(kettool):
    result = kettool("condition", "depression", "--format", "svg")
    assert result.exit_code == 2 and "svg output is not available for condition answers" in result.stderr


def test_forest_in_an_ascii_terminal_draws_with_ascii(kettool):
    from kettool.core import questions
    from kettool.render.formats import OutputFormat, RenderOptions, render

    answer = questions.forest(KB, "depression")
    text = render(answer, OutputFormat.TEXT, RenderOptions(encoding="ascii"))
    body = "\n".join(
        line for line in text.splitlines() if "Popova" in line or "favours" in line or set(line.strip()) <= set("+-")
    )
    assert "#" in body and "|" in body and "<- favours esketamine" in body
    assert not set("■◆│─┼←→") & set(text)
