"""The big number's block digits: stretched to the room they are given, never past it."""

from __future__ import annotations

import pytest

from limber.ui.widgets.big_clock import pixel_width, render_big, scale_for


@pytest.mark.parametrize("text", ["5", "18", "1:05", "10:00", "1:02:05"])
@pytest.mark.parametrize("width, height", [(36, 3), (49, 8), (80, 14), (130, 40)])
def test_the_digits_fit_the_box_they_are_given(text, width, height):
    across, down = scale_for(text, width, height)
    if not across:
        assert pixel_width(text) > width, "plain text only when block digits cannot fit"
        return
    lines = render_big(text, across, down)
    assert len(lines) <= height
    assert {len(line) for line in lines} == {across} and across <= width


def test_fewer_digits_draw_larger_in_the_same_box():
    # "0:18" would be sized for four digits and a colon; "18" is sized for two.
    seconds = render_big("18", *scale_for("18", 30, 14))
    minutes = render_big("1:05", *scale_for("1:05", 30, 14))
    assert len(seconds) == 14 and len(minutes) < 14


def test_pixels_stay_near_square():
    # A wide, short box: the digits do not stretch into a band across it.
    across, down = scale_for("8", 200, 5)
    assert across <= 3 * down / 5 * 1.01


def test_the_font_is_drawn_in_half_cells():
    assert render_big("1", 3, 5) == ("▄█ ", " █ ", "▀▀▀")
    assert render_big("7", 6, 10) == ("██████", "    ██", "    ██", "    ██", "    ██")
