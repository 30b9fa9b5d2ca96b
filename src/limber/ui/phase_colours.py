"""A colour for each phase of a session, worked out for the theme in use so each reads against its background.

Work, rest, switch, get ready and paused each keep a hue of their own in every theme (green,
blue, violet, amber, rose), told apart at a glance from across the room. The theme's own
colour is used where it has one near that hue (its success green for work, say); its
lightness is then moved, keeping the hue, until it stands out from the theme's background
by WCAG's 4.5:1. The results are CSS variables: `$phase-work`, `$phase-rest`, ...
"""

from __future__ import annotations

from textual.color import Color, ColorParseError

# Phase: (the theme variable that may name it, the hue in degrees it keeps).
PHASE_HUES: dict[str, tuple[str | None, float]] = {
    "work": ("success", 130),
    "rest": ("primary", 210),
    "switch": (None, 285),
    "get-ready": ("warning", 42),
    "paused": ("error", 345),
}
# How far the theme's colour may stray from a phase's hue and still stand for it. The hues
# above are at least 60 degrees apart, so two phases stay at least 20 apart in any theme.
HUE_TOLERANCE = 20
MIN_CONTRAST = 4.5
_AIM = 4.8  # a little over, so rounding to 8-bit channels never lands under the line


def relative_luminance(colour: Color) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    a, b = relative_luminance(one), relative_luminance(other)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def hue_distance(one: float, other: float) -> float:
    """Degrees between two hues around the colour wheel."""
    apart = abs(one - other) % 360
    return min(apart, 360 - apart)


def _parse(value: str | None) -> Color | None:
    if not value:
        return None
    try:
        colour = Color.parse(value)
    except ColorParseError:  # "ansi_default" and the like: the terminal's own colour, unknown here
        return None
    return None if colour.ansi is not None or colour.a < 1 else colour


def background_of(variables: dict[str, str], dark: bool) -> Color:
    """The theme's background; for a theme that leaves it to the terminal, black or white as it is dark or light."""
    return _parse(variables.get("background")) or (Color(0, 0, 0) if dark else Color(255, 255, 255))


def _readable(colour: Color, background: Color) -> Color:
    """`colour` with its lightness moved away from the background's until the contrast is enough."""
    if contrast(colour, background) >= _AIM:
        return colour
    hsl = colour.hsl
    lighter = relative_luminance(background) < 0.18
    lightness = hsl.l
    for _ in range(100):
        lightness = min(1.0, lightness + 0.01) if lighter else max(0.0, lightness - 0.01)
        candidate = Color.from_hsl(hsl.h, hsl.s, lightness)
        if contrast(candidate, background) >= _AIM or lightness in (0.0, 1.0):
            return candidate
    return colour


def phase_colours(variables: dict[str, str], dark: bool) -> dict[str, Color]:
    """Each phase's colour for a theme, given its CSS variables ($background, $success, ...)."""
    background = background_of(variables, dark)
    colours = {}
    for phase, (name, hue) in PHASE_HUES.items():
        own = _parse(variables.get(name)) if name else None
        if own is not None and own.hsl.s >= 0.3 and hue_distance(own.hsl.h * 360, hue) <= HUE_TOLERANCE:
            base = own
        else:
            base = Color.from_hsl(hue / 360, 0.7, 0.55 if dark else 0.35)
        colours[phase] = _readable(base, background)
    return colours


def phase_variables(variables: dict[str, str], dark: bool) -> dict[str, str]:
    """The phase colours as CSS variables: {"phase-work": "#4EBF71", ...}."""
    return {f"phase-{phase}": colour.hex for phase, colour in phase_colours(variables, dark).items()}
