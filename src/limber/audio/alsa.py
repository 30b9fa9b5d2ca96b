"""Keeping libasound quiet, and asking it whether a playback device can be opened at all.

When a device fails, libasound prints `ALSA lib ...` lines straight to file descriptor 2,
under Python and under Textual, which would scribble over the full-screen player. Its
error handler is replaceable; a no-op one keeps the screen clean.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_ERROR_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)


def _ignore(filename, line, function, err, fmt):  # pragma: no cover - called from C
    return None


_quiet_handler = _ERROR_HANDLER(_ignore)  # kept alive for as long as libasound may call it
_library: ctypes.CDLL | None = None
_loaded = False


def library() -> ctypes.CDLL | None:
    """libasound, with its error messages silenced; None where there is no ALSA (macOS, or not installed)."""
    global _library, _loaded
    if _loaded:
        return _library
    _loaded = True
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        lib = ctypes.cdll.LoadLibrary(name)
        lib.snd_lib_error_set_handler(_quiet_handler)
    except (OSError, AttributeError):
        return None
    _library = lib
    return lib


def silence_errors() -> bool:
    return library() is not None


def default_device_opens() -> bool | None:
    """Whether ALSA's default playback device opens; None when ALSA is not there to ask."""
    lib = library()
    if lib is None:
        return None
    handle = ctypes.c_void_p()
    playback, nonblock = 0, 1
    try:
        result = lib.snd_pcm_open(ctypes.byref(handle), b"default", playback, nonblock)
    except (OSError, AttributeError):  # pragma: no cover - a broken libasound
        return None
    if result < 0:
        return False
    lib.snd_pcm_close(handle)
    return True
