"""The workout history: every session kept in one local SQLite file, and what it adds up to.

No Textual and no sound in here: the store, the recorder and the stats are driven by the
engine's events and an injected clock; screens and the command line sit on top.
"""
