"""YAML read as an editor's language server reads it (YAML 1.2 core schema), for checking the JSON Schema.

PyYAML reads YAML 1.1, where `1:30` is a base-60 number and `1_0` is ten; editors read both as
text. The schema is written for what editors see, so the test reads files that way too.
"""

from __future__ import annotations

import re

import yaml

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def _scalar(node: yaml.ScalarNode):
    if node.style:  # quoted or block: always text
        return node.value
    value = node.value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def to_data(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [to_data(item) for item in node.value]
    merged: dict = {}
    own: dict = {}
    for key, value in node.value:
        if key.value == "<<" and not key.style:
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                for k, v in to_data(source).items():
                    merged.setdefault(k, v)
        else:
            own[str(_scalar(key))] = to_data(value)
    return {**merged, **own}


def load_as_editor(text: str):
    return to_data(yaml.compose(text, Loader=yaml.SafeLoader))
