"""YAML loading that remembers where every value came from, so errors can say file:line.

Banks are parsed with libyaml (PyYAML's C parser, `CSafeLoader`) when PyYAML has it: its nodes
carry the same line marks as the pure-Python parser's, ten times faster. A file that does not
parse is parsed again by the pure-Python parser, whose messages are the clearer ones.
"""

from __future__ import annotations

from pathlib import Path

import yaml

Loc = tuple  # a path into the document: ("questions", 3, "options", 0, "text")

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_QUOTED = {"'", '"'}
_STR = "tag:yaml.org,2002:str"
# what a bank may hold: text, numbers, true/false, nothing, lists and mappings (no
# !!python/... or other explicit tags, which would otherwise build a plain list or mapping)
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}


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
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        line, message = _explain(text)
        raise YamlError(path, line, message) from None
    lines: dict[Loc, int] = {}
    data = _Builder(path, lines).build(node, ()) if node is not None else None
    return Located(path, data, lines)


def _explain(text: str) -> tuple[int, str]:
    """The line and message of a YAML error, where a person would look for the mistake."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        problem = str(exc.problem or exc).strip()
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            # the quote that was never closed, not the end of the file where the scan stopped
            return exc.context_mark.line + 1, f"unclosed quote: {problem}"
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        runaway = _runaway_quote(text, line)
        if runaway:
            return runaway, (
                f"a quoted string starting here runs on to line {line}, where {problem}: "
                "is a closing quote missing?"
            )
        return line, problem
    except yaml.YAMLError as exc:
        return 1, str(exc)
    return 1, "the file could not be parsed"


def _runaway_quote(text: str, error_line: int) -> int | None:
    """When an unclosed quote swallows lines until the next quote closes it, parsing fails
    further down: the start line of the last multi-line quoted string before the error."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 >= error_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in _QUOTED
                and token.end_mark.line > token.start_mark.line
            ):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.end_mark.line + 1 >= error_line - 1:
        return last.start_mark.line + 1
    return None


class _Builder:
    """Plain data from composed nodes, recording each value's line; one constructor for all
    scalars (PyYAML resolves int, float, bool, null and str from the node's tag)."""

    def __init__(self, path: Path, lines: dict[Loc, int]):
        self.path = path
        self.lines = lines
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Loc):
        self.lines[loc] = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            raise YamlError(
                self.path,
                node.start_mark.line + 1,
                f"unsupported tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r}: a bank holds "
                "only text, numbers, true/false, lists and mappings",
            )
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str | int) or isinstance(key, bool):
                    raise YamlError(
                        self.path, key_node.start_mark.line + 1, "a key must be a plain name"
                    )
                if key in out:
                    raise YamlError(
                        self.path, key_node.start_mark.line + 1, f"duplicate key {key!r}"
                    )
                out[key] = self.build(value_node, (*loc, key))
                # a field's own line is where its key is written
                self.lines[(*loc, key)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode):
        if node.tag == _STR:  # most of a bank; the constructor would only copy it
            return node.value
        try:
            return self.constructor.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            raise YamlError(self.path, node.start_mark.line + 1, str(exc.problem)) from None
        # an explicit !!int, !!float or !!bool on other text (IndexError: on no text at all)
        except (ValueError, KeyError, IndexError):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlError(
                self.path, node.start_mark.line + 1, f"{node.value!r} is not a valid {tag}"
            ) from None
        finally:
            self.constructor.constructed_objects.clear()
