"""The interactive figures on the built static site: rendered with no kernel, operable by
keyboard alone, described in text, phone-sized, printable, and clean (no console error, no
request leaving the site)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# figure id -> (the range control moved by keyboard, the keys pressed, the plot element that
# must change and its attribute)
FIGURES = {
    "dose-accumulation": ("Dosing interval", ["ArrowRight", "PageUp"], "path.bzf-line", "d"),
    "hypnogram": ("Time after lights out", ["ArrowRight", "PageUp"], "path.bzf-cursor", "d"),
    "concentration-response": (
        "Benzodiazepine concentration",
        ["ArrowRight", "PageUp"],
        'path.bzf-line[data-series="bzd"]',
        "d",
    ),
}


@pytest.fixture(scope="session")
def figure_pages(built_site) -> dict[str, str]:
    """figure id -> the first built page (relative URL) whose saved widget state shows it."""
    found: dict[str, str] = {}
    for page in sorted(Path(built_site).rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "application/vnd.jupyter.widget-state+json" not in text:
            continue
        for figure_id in FIGURES:
            # the (minified) module sits in the state as a JSON string: quotes are escaped
            if figure_id not in found and f'\\"data-figure\\":\\"{figure_id}\\"' in text:
                found[figure_id] = page.relative_to(built_site).as_posix()
    return found


def open_figure(watched, site_url, figure_pages, figure_id, **kwargs):
    if figure_id not in figure_pages:
        pytest.fail(f"no page of the built book shows the {figure_id!r} figure")
    w = watched(**kwargs)
    w.page.goto(f"{site_url}/{figure_pages[figure_id]}")
    fig = w.page.locator(f'[data-figure="{figure_id}"]').first
    fig.wait_for()
    return w, fig


def snapshot(fig, plot="path.bzf-line", attribute="d"):
    return {
        "d": fig.locator(plot).first.get_attribute(attribute),
        "description": fig.locator("[data-figure-description]").inner_text(),
        "outputs": fig.locator("output").all_inner_texts(),
    }


@pytest.mark.parametrize("figure_id", FIGURES)
def test_keyboard_moves_the_plot_and_the_description(watched, site_url, figure_pages, figure_id):
    w, fig = open_figure(watched, site_url, figure_pages, figure_id)
    label, keys, plot, attribute = FIGURES[figure_id]
    before = snapshot(fig, plot, attribute)
    assert before["d"], "the plot element is missing"
    assert before["description"].strip(), "the description is empty"
    slider = fig.get_by_role("slider", name=label)
    assert slider.get_attribute("type") == "range"
    slider.focus()
    for key in keys:
        w.page.keyboard.press(key)
    after = snapshot(fig, plot, attribute)
    assert after["d"] != before["d"], "the plot did not change"
    assert after["description"] != before["description"], "the description did not change"
    assert after["outputs"] != before["outputs"], "the value shown did not change"
    w.assert_clean()


@pytest.mark.parametrize("figure_id", FIGURES)
def test_every_control_is_labelled_and_the_figure_fits_a_phone(
    watched, site_url, figure_pages, figure_id
):
    w, fig = open_figure(watched, site_url, figure_pages, figure_id, width=360)
    report = fig.evaluate("""(root) => ({
        unlabelled: [...root.querySelectorAll('input, select')]
            .filter((c) => !c.labels || c.labels.length === 0 || !c.labels[0].textContent.trim())
            .map((c) => c.outerHTML),
        ranges: root.querySelectorAll('input[type=range]').length,
        outputs: root.querySelectorAll('output').length,
        overflow: root.scrollWidth - root.clientWidth,
        right: root.getBoundingClientRect().right - window.innerWidth,
        viewBox: root.querySelector('svg.bzf-svg').getAttribute('viewBox'),
        svgWidth: root.querySelector('svg.bzf-svg').getBoundingClientRect().width,
        model: root.querySelector('.bzf-note').textContent,
    })""")
    assert report["unlabelled"] == []
    assert report["ranges"] >= 1 and report["outputs"] >= 1
    # nothing inside the figure scrolls sideways, and the figure ends inside the screen
    assert report["overflow"] <= 0 and report["right"] <= 0
    assert report["viewBox"] and 250 < report["svgWidth"] <= 360
    assert report["model"].startswith("Model:")
    w.assert_clean()


def test_hypnogram_night_can_be_chosen_by_keyboard(watched, site_url, figure_pages):
    w, fig = open_figure(watched, site_url, figure_pages, "hypnogram")
    before = snapshot(fig)
    select = fig.get_by_role("combobox", name="Night")
    select.focus()
    w.page.keyboard.press("ArrowDown")
    assert select.input_value() == "older"
    after = snapshot(fig)
    assert after["d"] != before["d"]
    assert after["description"].startswith("Older adult, typical night.")
    assert "sleep efficiency" in after["description"]
    w.assert_clean()


def test_concentration_response_curves_can_be_hidden(watched, site_url, figure_pages):
    w, fig = open_figure(watched, site_url, figure_pages, "concentration-response")
    assert fig.locator("path.bzf-line[data-series=barbiturate]").count() == 1
    box = fig.get_by_role("checkbox", name="+ barbiturate")
    box.focus()
    w.page.keyboard.press("Space")
    assert not box.is_checked()
    assert fig.locator("path.bzf-line[data-series=barbiturate]").count() == 0
    assert "+ barbiturate" not in fig.locator("[data-figure-description]").inner_text()
    w.assert_clean()


@pytest.mark.parametrize("figure_id", FIGURES)
def test_print_keeps_the_plot_and_hides_the_controls(watched, site_url, figure_pages, figure_id):
    w, fig = open_figure(watched, site_url, figure_pages, figure_id, color_scheme="dark")
    # dark mode: the line is drawn in a colour that differs from the figure's background
    colours = fig.evaluate(
        """(root) => [getComputedStyle(root.querySelector('path.bzf-line')).stroke,
                      getComputedStyle(root).backgroundColor]"""
    )
    assert colours[0] != colours[1]
    w.page.emulate_media(media="print")
    assert fig.locator("svg.bzf-svg").is_visible()
    assert fig.locator("[data-figure-description]").is_visible()
    assert not fig.locator(".bzf-controls").is_visible()
    w.assert_clean()
