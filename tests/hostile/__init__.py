"""Hostile input for limber: the corpus (routines/, config/, cases.py) and a way to run a case in isolation."""
