"""Question banks, the `Quiz` widget and the interactive figures of the book."""

from .banks import BankError, load_bank, load_banks
from .model import Bank

__all__ = ["Bank", "BankError", "load_bank", "load_banks", "quiz", "Quiz"]


def __getattr__(name):
    # the widget pulls in anywidget/ipywidgets; the CLI and the exports don't need them
    if name in {"Quiz", "quiz"}:
        from . import widget

        return getattr(widget, name)
    raise AttributeError(name)
