"""Shared Excel/CSV import pipeline; see spec.py for how a domain declares an import."""

from .readers import ImportFileError, Sheet, read_table
from .spec import (
    MATCH_REQUIRED,
    OPTIONAL,
    REQUIRED,
    ImportContext,
    ImportField,
    ImportSpec,
    RowResult,
    get_spec,
    nearest,
    register,
    registry,
    unknown_value,
)

__all__ = [
    "MATCH_REQUIRED", "OPTIONAL", "REQUIRED", "ImportContext", "ImportField", "ImportFileError", "ImportSpec",
    "RowResult", "Sheet", "get_spec", "nearest", "read_table", "register", "registry", "unknown_value",
]
