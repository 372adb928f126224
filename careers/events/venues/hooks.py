"""Venues: register the 导入场地 spec with the shared import pipeline."""

from . import importers  # noqa: F401
