"""Packages of the wheel: every ``sim*`` package, and the top-level ``scenarios/`` folder (the
one users open) shipped inside the package as ``sim._scenarios``, so an installed escsim finds
its scenarios (``sim.paths.shipped_scenarios``). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["sim*"]), "sim._scenarios"],
    package_dir={"sim._scenarios": "scenarios"},
)
