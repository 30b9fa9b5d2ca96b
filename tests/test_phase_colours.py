"""Each phase's colour reads against the background and keeps a hue of its own, in every theme limber offers."""

from __future__ import annotations

from itertools import combinations

import pytest
from textual.color import Color

from limber.ui.app import LimberApp
from limber.ui.phase_colours import (
    MIN_CONTRAST,
    background_of,
    contrast,
    hue_distance,
    phase_colours,
    relative_luminance,
)

from tests.player_helpers import advance, make_app, player, routine_file

THEMES = LimberApp().available_themes


def theme_variables(name: str) -> dict[str, str]:
    theme = THEMES[name]
    return {**theme.to_color_system().generate(), **theme.variables}


def test_contrast_follows_wcag():
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    assert relative_luminance(white) == pytest.approx(1.0)
    assert contrast(black, white) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), white) == pytest.approx(4.48, abs=0.01)  # the well-known near miss


def test_every_theme_is_checked():
    assert {"textual-dark", "textual-light", "nord", "solarized-light", "ansi-light"} <= set(THEMES)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_each_phase_reads_against_the_background_and_has_a_hue_of_its_own(name):
    variables = theme_variables(name)
    dark = THEMES[name].dark
    background = background_of(variables, dark)
    colours = phase_colours(variables, dark)
    assert set(colours) == {"work", "rest", "switch", "get-ready", "paused"}
    for phase, colour in colours.items():
        # The number on the background, and the band's words (the background colour) on the phase colour.
        assert contrast(colour, background) >= MIN_CONTRAST, f"{name}: {phase} {colour.hex} on {background.hex}"
    for (one, a), (other, b) in combinations(colours.items(), 2):
        assert hue_distance(a.hsl.h * 360, b.hsl.h * 360) >= 20, f"{name}: {one} and {other} look alike"


async def test_the_running_app_colours_the_stage_with_the_theme_s_phase_colours(tmp_path):
    app, clock, sound = make_app(routine_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, app, 6)  # into the work
        for theme in ("textual-dark", "textual-light", "solarized-light"):
            app.theme = theme
            await pilot.pause()
            screen = player(app)
            expected = Color.parse(app.theme_variables["phase-work"])
            background = Color.parse(app.theme_variables["background"])
            clock_colour = screen.query_one("#clock").styles.color
            assert clock_colour.rgb == expected.rgb, theme
            band = screen.query_one("#phase").styles.background
            assert band.rgb == expected.rgb, theme
            assert contrast(clock_colour, background) >= MIN_CONTRAST, theme
