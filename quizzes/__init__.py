"""Question banks, the `Quiz` widget and the interactive figures of the book."""

import importlib

__all__ = ["Bank", "BankError", "load_bank", "load_banks", "quiz", "Quiz"]

# Imported on first use: the widget pulls in anywidget/ipywidgets, which the CLI and the exports
# don't need, and `python -m quizzes` must start even where a dependency is missing, to say so.
_HOME = {
    "Bank": "model",
    "BankError": "banks",
    "load_bank": "banks",
    "load_banks": "banks",
    "Quiz": "widget",
    "quiz": "widget",
}


def __getattr__(name):
    if name in _HOME:
        return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(name)
