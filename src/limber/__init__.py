"""limber: a terminal workout and stretch player."""

__version__ = "0.1.0"
