"""The big number: block digits as large as the room they are given, readable from across the room."""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

# A 3x5 pixel font, stretched to the cells across and half cells down it is given (one text
# row holds two half cells), so the digits grow in both directions with the room there is.
_FONT = {
    "0": ["###", "#.#", "#.#", "#.#", "###"],
    "1": [".#.", "##.", ".#.", ".#.", "###"],
    "2": ["###", "..#", "###", "#..", "###"],
    "3": ["###", "..#", "###", "..#", "###"],
    "4": ["#.#", "#.#", "###", "..#", "..#"],
    "5": ["###", "#..", "###", "..#", "###"],
    "6": ["###", "#..", "###", "#.#", "###"],
    "7": ["###", "..#", "..#", "..#", "..#"],
    "8": ["###", "#.#", "###", "#.#", "###"],
    "9": ["###", "#.#", "###", "..#", "###"],
    ":": [".", "#", ".", "#", "."],
    "-": ["...", "...", "###", "...", "..."],
    " ": ["...", "...", "...", "...", "..."],
}
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
PIXEL_ROWS = 5


def _glyphs(text: str) -> list[list[str]]:
    return [_FONT.get(ch, _FONT[" "]) for ch in text]


def pixel_width(text: str) -> int:
    """Pixels across `text`, with a one-pixel gap between glyphs."""
    return sum(len(glyph[0]) for glyph in _glyphs(text)) + max(0, len(text) - 1)


def scale_for(text: str, width: int, height: int) -> tuple[int, int]:
    """(cells across, half cells down) that `text` takes to fill width x height as far as it can,
    or (0, 0) when block digits do not fit. Pixels stay near square: a half cell is about as tall
    as a cell is wide, so a pixel is never wider than tall, nor more than twice as tall as wide."""
    pixels = pixel_width(text)
    if not text or pixels == 0 or width < pixels or 2 * height < PIXEL_ROWS:
        return 0, 0
    tall = 2 * height / PIXEL_ROWS  # half cells down a pixel
    # Whole cells across a pixel: strokes of one width read better than a bigger number with
    # one stroke thicker than the rest. Down, half cells are fine enough to share out.
    wide = max(1, int(min(width / pixels, tall)))
    tall = min(tall, 2 * wide)
    return wide * pixels, max(PIXEL_ROWS, int(tall * PIXEL_ROWS))


def _spread(pixels: int, cells: int) -> list[int]:
    """How many cells each of `pixels` takes to make `cells` in all, as even as whole cells allow."""
    return [(i + 1) * cells // pixels - i * cells // pixels for i in range(pixels)]


@lru_cache(maxsize=64)
def render_big(text: str, across: int, down: int) -> tuple[str, ...]:
    """`text` as lines of block characters, `across` cells wide and `down` half cells tall."""
    glyphs = _glyphs(text)
    columns = _spread(pixel_width(text), across)
    pixel_rows: list[list[bool]] = []
    for row, times in zip(range(PIXEL_ROWS), _spread(PIXEL_ROWS, down)):
        line: list[bool] = []
        for index, glyph in enumerate(glyphs):
            if index:
                line.append(False)
            line.extend(cell == "#" for cell in glyph[row])
        stretched = [pixel for pixel, width in zip(line, columns) for _ in range(width)]
        pixel_rows.extend([stretched] * times)
    if len(pixel_rows) % 2:
        pixel_rows.append([False] * len(pixel_rows[0]))
    return tuple(
        "".join(_HALF[(top, bottom)] for top, bottom in zip(pixel_rows[i], pixel_rows[i + 1]))
        for i in range(0, len(pixel_rows), 2)
    )


@lru_cache(maxsize=32)
def _strips(text: str, width: int, height: int, style: Style) -> tuple[Strip, ...]:
    """Every line of the widget's content, the number centred both ways. A reversed style
    (the last seconds) turns the number into a block of its colour with the digits cut out
    of it, one cell of margin round them; the rest of the widget stays as it was."""
    framed = style.reverse and width >= 8 and height >= 5
    if style.reverse and not framed:
        style = style + Style(reverse=False)  # too small for a frame: a stencil without one does not read
    margin = 2 if framed else 0
    across, down = scale_for(text, width - 2 * margin, height - margin)
    lines = list(render_big(text, across, down) if across else (text[:width],))
    plain = style + Style(reverse=False) if style.reverse else style
    if framed:
        lines = [" " * len(lines[0]), *lines, " " * len(lines[0])]
    top = max(0, (height - len(lines)) // 2)
    strips = [Strip.blank(width, plain)] * height
    for offset, line in enumerate(lines[:height]):
        line = " " * margin + line + " " * margin
        left = max(0, (width - len(line)) // 2)
        right = max(0, width - left - len(line))
        segments = [Segment(" " * left, plain), Segment(line[:width], style), Segment(" " * right, plain)]
        strips[top + offset] = Strip([segment for segment in segments if segment.text], width)
    return tuple(strips)


class BigClock(Widget):
    """Shows a short text such as "18" or "1:05" in block digits, as large as the widget's size
    allows; a text too big for its room shows as plain characters. Each (text, size, look) is
    drawn once: a countdown repeats the same few frames."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
    }
    """

    # Repainted by `watch_value`, which repaints only the cells that change.
    value: reactive[str] = reactive("", layout=False, repaint=False)

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigClock.value, value)
        self._frame: tuple[Strip, ...] | None = None
        self._frame_key: tuple[int, int, Style] | None = None  # the size and style it was drawn for

    def digit_rows(self) -> int:
        """How many rows the digits take now (0 when shown as plain text)."""
        width, height = self.content_size
        across, down = scale_for(self.value, width, height)
        return len(render_big(self.value, across, down)) if across else 0

    def watch_value(self, old: str, value: str) -> None:
        """Repaint the cells that differ between the old number and the new: going from 18 to
        17 leaves the 1 as it was, and the terminal is sent only what changed."""
        previous, key = self._frame, self._frame_key
        self._frame = None
        if previous is None or not self.is_mounted:
            self.refresh()
            return
        width, height = self.content_size
        style = self.rich_style
        if key != (width, height, style):
            self.refresh()
            return
        frame = self._frame = _strips(value, width, height, style)
        regions = []
        for y, (before, after) in enumerate(zip(previous, frame)):
            was, now = before.text, after.text
            if was == now:
                continue
            start = next(x for x, (a, b) in enumerate(zip(was, now)) if a != b)
            end = len(now) - next(x for x, (a, b) in enumerate(zip(reversed(was), reversed(now))) if a != b)
            regions.append(Region(start, y, end - start, 1))
        if regions:
            self.refresh(*regions)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._frame = None

    def on_resize(self) -> None:
        self._frame = None

    def render_line(self, y: int) -> Strip:
        # The frame is worked out once for all its lines: the style alone takes longer to
        # look up than a line takes to draw.
        frame = self._frame
        if frame is None:
            width, height = self.content_size
            style = self.rich_style
            frame = self._frame = _strips(self.value, width, height, style)
            self._frame_key = (width, height, style)
        return frame[y] if 0 <= y < len(frame) else Strip.blank(self.content_size.width)
