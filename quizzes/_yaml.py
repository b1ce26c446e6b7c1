"""YAML loading that remembers where every value came from, so errors can say file:line."""

from __future__ import annotations

from pathlib import Path

import yaml

Loc = tuple  # a path into the document: ("questions", 3, "options", 0, "text")


class Located:
    """Plain Python data from a YAML file plus the line (1-based) of every value in it."""

    def __init__(self, path: Path, data, lines: dict[Loc, int]):
        self.path = path
        self.data = data
        self.lines = lines

    def line(self, loc: Loc) -> int:
        """The line of the deepest part of `loc` that exists in the file (a missing field
        is reported at the mapping it should have been in)."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


class YamlError(Exception):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: yaml: {message}")
        self.path, self.line, self.message = path, line, message


def load(path: Path) -> Located:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(path, line, str(exc.problem or exc).strip()) from None
    lines: dict[Loc, int] = {}
    data = _build(node, (), lines, path) if node is not None else None
    return Located(path, data, lines)


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: Path):
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in out:
                raise YamlError(path, key_node.start_mark.line + 1, f"duplicate key {key!r}")
            out[key] = _build(value_node, (*loc, key), lines, path)
            # a field's own line is where its key is written
            lines[(*loc, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*loc, i), lines, path) for i, child in enumerate(node.value)]
    # scalars: let PyYAML resolve the type (int, float, bool, str)
    return _scalar(node)


def _scalar(node: yaml.ScalarNode):
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
