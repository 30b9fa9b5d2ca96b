"""The key bar at the foot of every screen: which keys it shows, how it fits, what a click does,
and that the player's very first frame already has it (and everything else) drawn."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from limber.ui.widgets.key_bar import KeyBar, KeyHint, fit
from tests.player_helpers import advance, make_app, player, routine_file


class Keys(Screen):
    BINDINGS = [
        Binding("a", "alpha", "Alpha"),
        Binding("x,y", "gamma", "Gamma", key_display="x/y"),
        Binding("h", "hidden", "Hidden", show=False),
        Binding("o", "off", "Off"),
        Binding("g", "gone", "Gone"),
    ]

    def __init__(self):
        super().__init__()
        self.done: list[str] = []

    def compose(self):
        yield KeyBar()

    def check_action(self, action, parameters):
        # "off" is unavailable just now (dimmed); "gone" does not apply here at all (hidden).
        return {"off": None, "gone": False}.get(action, True)

    def action_alpha(self):
        self.done.append("alpha")

    def action_gamma(self):
        self.done.append("gamma")

    def action_off(self):
        self.done.append("off")


class KeysApp(App):
    def __init__(self):
        super().__init__()
        self.rang = 0

    def get_default_screen(self):
        return Keys()

    def bell(self):
        self.rang += 1


def bar_text(screen) -> str:
    return screen.query_one(KeyBar).render().plain


async def test_the_bar_shows_each_shown_key_once_and_dims_what_is_unavailable():
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        text = bar_text(app.screen)
        assert text.startswith(" a Alpha  x/y Gamma  o Off")
        assert "Hidden" not in text and "Gone" not in text
        assert text.rstrip().endswith("^p palette")
        rendered = app.screen.query_one(KeyBar).render()
        off = text.index("o Off")
        dimmed = [span for span in rendered.spans if span.start <= off < span.end and "dim" in str(span.style)]
        assert dimmed, "an unavailable key is drawn dim"
        alpha = text.index("a Alpha")
        assert not [span for span in rendered.spans if span.start <= alpha < span.end and "dim" in str(span.style)]


async def test_a_click_presses_the_key_and_a_dimmed_key_only_rings():
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        text = bar_text(app.screen)
        await pilot.click(KeyBar, offset=(text.index("Gamma"), 0))
        await pilot.click(KeyBar, offset=(text.index("a Alpha"), 0))
        await pilot.click(KeyBar, offset=(text.index("Off"), 0))
        await pilot.pause()
        assert app.screen.done == ["gamma", "alpha"]
        assert app.rang == 1


async def test_hovering_a_key_gives_its_tooltip():
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(bar_text(app.screen).index("Gamma"), 0))
        assert bar.tooltip == "Gamma"
        await pilot.hover(KeyBar, offset=(bar_text(app.screen).index("Off") + 6, 0))  # between keys
        assert bar.tooltip is None


def hint(shown: str, description: str) -> KeyHint:
    return KeyHint(shown, shown, description, True, description)


def test_fit_drops_the_palette_first_then_keys_from_the_middle():
    keys = [hint("space", "Pause"), hint("n", "Skip"), hint("p", "Back"), hint("m", "Mute"),
            hint("?", "Help"), hint("q", "Quit")]
    palette = hint("^p", "palette")
    everything = sum(k.width for k in keys) + 2 * (len(keys) - 1) + 2
    assert fit(keys, palette, everything + palette.width + 2) == (keys, palette)
    assert fit(keys, palette, everything) == (keys, None)
    shown, _ = fit(keys, palette, everything - 1)
    assert [k.shown for k in shown] == ["space", "n", "p", "?", "q"]  # Mute went first
    shown, _ = fit(keys, palette, 10)
    assert [k.shown for k in shown] == ["?", "q"]  # help and quit stay to the last


async def test_the_player_bar_follows_the_keys_that_apply(tmp_path):
    app, clock, sound = make_app(routine_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        text = bar_text(screen)
        for words in ("space Pause", "n/→ Skip", "p/← Back", "m Mute", "e Edit", "? Help", "q Quit"):
            assert words in text
        assert "Done" not in text  # nothing to finish by hand during a countdown
        for _ in range(5):
            await pilot.press("n")
        await advance(pilot, app, 1)
        assert "Done" in bar_text(screen)  # the untimed rep step
        await pilot.press("enter")
        await pilot.pause()
        assert "Done" not in bar_text(screen)


async def test_the_players_first_frame_is_already_whole(tmp_path, monkeypatch):
    """What reaches the terminal first is the full player: keys, clock, step, queue and progress,
    not an empty bar waiting for a second frame."""
    frames: list[str] = []
    display = App._display

    def first_frame(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is not None and not frames and screen is self.screen:
            frames.append("\n".join(strip.text for strip in screen._compositor.render_strips()))

    monkeypatch.setattr(App, "_display", first_frame)
    app, clock, sound = make_app(routine_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    frame = frames[0]
    lines = frame.splitlines()
    assert "space Pause" in lines[-1] and "q Quit" in lines[-1]
    assert "elapsed" in lines[-2] and "left" in lines[-2]
    assert "Player test" in lines[0]
    for words in ("GET READY", "Next: Hip stretch", "right side", "Push-ups (10 reps)", "██"):
        assert words in frame


class WideKeys(Screen):
    BINDINGS = [Binding("a", "alpha", "体操する"), Binding("b", "beta", "Beta")]

    def __init__(self):
        super().__init__()
        self.done: list[str] = []

    def compose(self):
        yield KeyBar()

    def action_alpha(self):
        self.done.append("alpha")

    def action_beta(self):
        self.done.append("beta")


async def test_clicks_land_on_the_key_drawn_there_after_wide_characters():
    app = KeysApp()
    app.get_default_screen = WideKeys
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        # " a 体操する  b Beta": the four wide characters take cells 3 to 10, so "b Beta" is at 13 to 18.
        assert bar_text(app.screen).startswith(" a 体操する  b Beta")
        await pilot.click(KeyBar, offset=(10, 0))  # the second half of る
        await pilot.click(KeyBar, offset=(17, 0))  # the "t" of Beta
        await pilot.pause()
        assert app.screen.done == ["alpha", "beta"]


def ranked(shown: str, description: str, id: str) -> KeyHint:
    return KeyHint(shown, shown, description, True, description, id)


def test_fit_with_an_order_of_importance_drops_the_least_important_and_keeps_the_bar_order():
    keys = [ranked("space", "Pause", "pause"), ranked("n", "Skip", "skip"), ranked("r", "Restart", "restart"),
            ranked("m", "Mute", "mute"), ranked("?", "Help", "help"), ranked("q", "Quit", "quit")]
    importance = ("pause", "help", "quit", "skip", "mute")  # restart not ranked: it goes first
    everything = sum(k.width for k in keys) + 2 * (len(keys) - 1) + 2
    assert fit(keys, None, everything, importance) == (keys, None)
    shown, _ = fit(keys, None, everything - 1, importance)
    assert [k.shown for k in shown] == ["space", "n", "m", "?", "q"]
    shown, _ = fit(keys, None, everything - 12, importance)
    assert [k.shown for k in shown] == ["space", "n", "?", "q"]  # then mute, the last ranked
    shown, _ = fit(keys, None, 12, importance)
    assert [k.shown for k in shown] == ["space"]  # the most important stays to the last


class GroupedKeys(Screen):
    PLUS_MINUS = Binding.Group("10s")
    BINDINGS = [
        Binding("a", "alpha", "Alpha"),
        Binding("plus,equals_sign", "more", "+10s", key_display="+", group=PLUS_MINUS),
        Binding("minus", "less", "-10s", key_display="-", group=PLUS_MINUS),
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
    ]

    def __init__(self):
        super().__init__()
        self.done: list[str] = []
        self.paused = False

    def compose(self):
        yield KeyBar()

    def check_action(self, action, parameters):
        if action in ("pause", "resume"):
            return self.paused == (action == "resume")
        return True

    def action_more(self):
        self.done.append("more")

    def action_less(self):
        self.done.append("less")

    def action_pause(self):
        self.paused = True
        self.refresh_bindings()

    def action_resume(self):
        self.paused = False
        self.refresh_bindings()


async def test_a_group_of_keys_shares_one_description_and_each_key_clicks_itself():
    app = KeysApp()
    app.get_default_screen = GroupedKeys
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        text = bar_text(app.screen)
        assert text.startswith(" a Alpha  +/- 10s  space Pause")
        assert text.count("+") == 1, "a key with two names (+ and =) is shown once"
        start = text.index("+/-")
        await pilot.click(KeyBar, offset=(start, 0))
        await pilot.click(KeyBar, offset=(start + 2, 0))
        await pilot.pause()
        assert app.screen.done == ["more", "less"]


async def test_one_key_with_two_actions_shows_the_one_that_applies_now():
    app = KeysApp()
    app.get_default_screen = GroupedKeys
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        assert "space Pause" in bar_text(app.screen) and "Resume" not in bar_text(app.screen)
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.paused
        assert "space Resume" in bar_text(app.screen) and "Pause" not in bar_text(app.screen)
        await pilot.press("space")
        await pilot.pause()
        assert not app.screen.paused
