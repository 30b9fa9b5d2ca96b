import pytest

from limber.routine import DurationError, describe_duration, format_duration, parse_duration


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("30", 30), ("2.5", 2.5), ("45s", 45), ("2m", 120), ("1m30s", 90), ("0.5m", 30),
        ("1h", 3600), ("1h2m3s", 3723), ("1:30", 90), ("01:30", 90), ("0:05", 5),
        ("1:02:03", 3723), ("010", 10), (" 20s ", 20), ("1M", 60), ("1m 30s", 90), (".5", 0.5), ("0", 0),
    ],
)
def test_durations_people_write(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text", ["", "abc", "1_0", "-5", "1:60", "1:5", "1:60:00", "5 minutes", "1s1m", "inf", "nan", "1e3", "m", "1::30"]
)
def test_what_is_not_a_duration(text):
    with pytest.raises(DurationError):
        parse_duration(text)


def test_format_duration_rounds_up_so_a_countdown_never_shows_zero_early():
    assert format_duration(0.2) == "0:01"
    assert format_duration(59.9) == "1:00"
    assert format_duration(90) == "1:30"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(None) == "—"
    assert format_duration(0) == "0:00"


def test_describe_duration_in_words():
    assert describe_duration(30) == "30 seconds"
    assert describe_duration(60) == "1 minute"
    assert describe_duration(90) == "1 minute 30 seconds"
    assert describe_duration(1) == "1 second"


@pytest.mark.parametrize(
    "text", ["1" * 5000, "1" * 5000 + ":00", "1" * 4000 + ":00:00", "1" * 5000 + "s",
             "1" * 400 + "h", "1" * 400 + "m30s", "9" * 400 + ".5"],
    ids=lambda text: f"{text[:3]}...{text[-4:]} ({len(text)} characters)",
)
def test_a_duration_of_thousands_of_digits_is_infinite_not_a_traceback(text):
    # Too long for any limit: the caller's own limit refuses it, with its own words.
    assert parse_duration(text) == float("inf")


@pytest.mark.parametrize("text", ["３０", "٣٠s", "1:３０"])
def test_other_scripts_digits_are_not_a_duration_and_the_message_says_so(text):
    with pytest.raises(DurationError, match="use the digits 0-9"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "nan", "NaN", ".inf", "1e999", "0x1e", "∞"])
def test_infinity_and_nan_spellings_are_not_durations(text):
    with pytest.raises(DurationError):
        parse_duration(text)


def test_a_long_bad_duration_is_quoted_short():
    with pytest.raises(DurationError) as caught:
        parse_duration("x" * 5000)
    assert len(str(caught.value)) < 120


def test_format_and_describe_never_raise_on_infinite_or_missing_numbers():
    inf, nan = float("inf"), float("nan")
    assert [format_duration(inf), format_duration(-inf), format_duration(nan)] == ["∞", "0:00", "—"]
    assert [describe_duration(inf), describe_duration(nan)] == ["no set time", "no set time"]
    assert describe_duration(-5) == "0 seconds"
