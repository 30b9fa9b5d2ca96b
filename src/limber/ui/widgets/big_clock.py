"""Large countdown digits that grow to fill the space they are given, readable from across the desk."""

from __future__ import annotations

from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

# A 3x5 pixel font; each pixel becomes a block of half-height cells, so one text row holds two pixel rows.
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


def text_width(text: str, scale: int) -> int:
    """Cells across for `text` at `scale` (each pixel is 2*scale cells wide, a gap of one pixel between glyphs)."""
    pixels = sum(len(_FONT.get(ch, _FONT[" "])[0]) for ch in text) + max(0, len(text) - 1)
    return pixels * 2 * scale


def text_height(scale: int) -> int:
    return -(-PIXEL_ROWS * scale // 2)


def render_big(text: str, scale: int) -> list[str]:
    """The text as lines of block characters."""
    glyphs = [_FONT.get(ch, _FONT[" "]) for ch in text]
    # Pixel rows, each a list of booleans, stretched `scale` times in both directions.
    pixel_rows: list[list[bool]] = []
    for row in range(PIXEL_ROWS):
        line: list[bool] = []
        for index, glyph in enumerate(glyphs):
            if index:
                line.append(False)
            line.extend(cell == "#" for cell in glyph[row])
        wide = [pixel for pixel in line for _ in range(2 * scale)]
        pixel_rows.extend([wide] * scale)
    if len(pixel_rows) % 2:
        pixel_rows.append([False] * len(pixel_rows[0]))
    return [
        "".join(_HALF[(top, bottom)] for top, bottom in zip(pixel_rows[i], pixel_rows[i + 1]))
        for i in range(0, len(pixel_rows), 2)
    ]


class BigClock(Widget):
    """Shows text such as "1:30" in block digits, as large as the widget's size allows."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    value: reactive[str] = reactive("", layout=False)
    max_scale: int = 4

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigClock.value, value)

    def scale_for(self, size: Size) -> int:
        # The widest text a countdown shows is "00:00"; keep the scale steady as digits change.
        sample = "0" * max(4, len(self.value.replace(":", ""))) + ":" * max(1, self.value.count(":"))
        for scale in range(self.max_scale, 0, -1):
            if text_width(sample, scale) <= size.width and text_height(scale) <= size.height:
                return scale
        return 0

    def render(self) -> RenderResult:
        scale = self.scale_for(self.content_size)
        if scale == 0:
            return self.value  # too small for block digits: plain text still tells the time
        return "\n".join(render_big(self.value, scale))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        scale = self.scale_for(Size(width, container.height))
        return text_height(scale) if scale else 1
