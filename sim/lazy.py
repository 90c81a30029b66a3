"""Names a package resolves on first use (PEP 562), so light commands do not import Mesa."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def lazy_names(package: str, names: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``names[name]`` and returns its ``name``."""

    def __getattr__(name: str) -> object:
        if name in names:
            return getattr(import_module(names[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
