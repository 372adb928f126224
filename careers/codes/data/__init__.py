"""Published code tables shipped with the app (see SOURCES.md for provenance).

``iter_csv(name)`` yields each row of ``<name>.csv`` in this folder as a dict keyed
by the header (every file has at least ``code``, ``name``, ``parent_code``).
Region codes are not a CSV: see :mod:`careers.codes.data.regions`.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

DATA_DIR = Path(__file__).resolve().parent

CSV_TABLES = (
    "ethnicity",
    "political_status",
    "education_level",
    "duration",
    "destination",
    "employer_nature",
    "industry",
    "discipline",
    "major_catalogue_undergraduate",
    "major_catalogue_vocational",
    "major_catalogue_graduate",
    "gender",
    "training_mode",
    "enrolment_status",
)


def csv_path(name: str) -> Path:
    if name.endswith(".csv"):
        name = name[:-4]
    if name not in CSV_TABLES:
        raise KeyError(f"unknown code table: {name!r}")
    return DATA_DIR / f"{name}.csv"


def iter_csv(name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a code table as dicts (UTF-8, header row required)."""
    with open(csv_path(name), encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)
