"""Readers and the space normaliser: property tests plus the upload checks users see."""

import csv
import io
import zipfile

import pytest
import xlsxwriter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from careers.core.imports.readers import ImportFileError, read_table
from careers.core.text import normalize_spaces

# Printable text as people type it into spreadsheets (Chinese, ASCII, full-width space...).
cell_chars = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x00")
cells = st.text(cell_chars, max_size=12)
header_cell = st.text(cell_chars, min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def tables(draw):
    width = draw(st.integers(1, 5))
    headers = draw(st.lists(header_cell, min_size=width, max_size=width, unique=True))
    row = st.lists(cells, min_size=width, max_size=width).filter(lambda r: any(c.strip() for c in r))
    rows = draw(st.lists(row, min_size=1, max_size=6))
    assume(not all(c.startswith("说明：") for c in rows[0] if c.strip()))  # that is the template's notes row
    return headers, rows


def to_csv(headers, rows, delimiter=","):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(headers, rows):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, values in enumerate([headers, *rows]):
        for c, value in enumerate(values):
            sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def cells_of(sheet):
    return [cells for _, cells in sheet.rows]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_csv_round_trips_in_every_encoding(table, encoding):
    headers, rows = table
    data = to_csv(headers, rows).encode(encoding)
    if encoding == "gb18030":
        try:
            data.decode("utf-8")
            assume(False)  # bytes valid in both encodings are read as UTF-8, the more common case
        except UnicodeDecodeError:
            pass
    sheet = read_table(data, "名单.csv")
    assert sheet.headers == headers
    assert cells_of(sheet) == rows


@settings(max_examples=30)
@given(tables())
def test_utf16_tab_separated_text_round_trips(table):
    headers, rows = table
    sheet = read_table(to_csv(headers, rows, "\t").encode("utf-16"), "unicode.csv")
    assert (sheet.headers, cells_of(sheet)) == (headers, rows)


@settings(max_examples=30, deadline=None)
@given(tables())
def test_xlsx_round_trips(table):
    headers, rows = table
    sheet = read_table(to_xlsx(headers, rows), "名单.xlsx")
    assert (sheet.headers, cells_of(sheet)) == (headers, rows)


def test_gbk_csv_from_chinese_excel_is_detected():
    data = "学历,专业名称\n本科生,软件工程\n".encode("gbk")
    sheet = read_table(data, "专业.csv")
    assert sheet.headers == ["学历", "专业名称"] and cells_of(sheet) == [["本科生", "软件工程"]]


def test_blank_rows_are_skipped_and_excel_row_numbers_kept():
    sheet = read_table(to_xlsx(["学历", "专业名称"], [["本科生", "A"], ["", ""], ["本科生", "B"]]), "x.xlsx")
    assert [n for n, _ in sheet.rows] == [2, 4]


def test_numbers_and_dates_read_as_typed():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["学制", "代码", "日期"])
    sheet.write_number(1, 0, 4)
    sheet.write_number(1, 1, 2.5)
    import datetime

    sheet.write_datetime(1, 2, datetime.datetime(2024, 9, 1), book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    assert cells_of(read_table(buffer.getvalue(), "x.xlsx")) == [["4", "2.5", "2024-09-01"]]


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, name, message", [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "专业.xlsx", "内容实际上是可执行程序"),
    (docx_bytes(), "专业.xlsx", "内容实际上是Word 文档"),
    (b"%PDF-1.7 ...", "专业.csv", "内容实际上是PDF 文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "专业.xls", "无法打开该 Excel 文件"),
    (b"a,b\n1,2\n", "专业.txt", "只支持 Excel（.xlsx、.xls）或 CSV（.csv）文件"),
    (b"", "专业.csv", "上传的文件是空的"),
    (b"\n\n,,\n", "专业.csv", "表格中没有任何内容"),
    ("学历,专业名称\n".encode(), "专业.csv", "表格只有表头，没有数据行"),
    ("学历,专业名称,学历\n本科生,a,b\n".encode(), "专业.csv", "表头“学历”重复出现（第 1 列和第 3 列）"),
    ("学历\n本科生\n".encode("utf-16-le"), "专业.csv", "二进制文件"),
    (b"\xff\xfe\xff\xfe\x00\xd8", "x.csv", "编码"),
])
def test_bad_files_are_rejected_with_a_reason(data, name, message):
    with pytest.raises(ImportFileError) as exc:
        read_table(data, name)
    assert message in str(exc.value)


def test_xlsx_renamed_to_csv_is_explained():
    with pytest.raises(ImportFileError, match="扩展名改为 .xlsx"):
        read_table(to_xlsx(["a"], [["1"]]), "专业.csv")


def test_row_limit():
    data = ("学历\n" + "本科生\n" * 11).encode()
    with pytest.raises(ImportFileError, match="共有 11 行数据，超过单次导入上限 10 行"):
        read_table(data, "x.csv", max_rows=10)


# -- the space normaliser ------------------------------------------------------------
spaced = st.text(st.one_of(cell_chars, st.sampled_from(" \u3000\u00a0\t\n")), max_size=30)


@given(spaced)
def test_normalize_spaces_is_idempotent(value):
    once = normalize_spaces(value)
    assert normalize_spaces(once) == once


@given(spaced)
def test_normalize_spaces_keeps_every_visible_character(value):
    once = normalize_spaces(value)
    assert "".join(once.split()) == "".join(value.split())
    assert once == once.strip() and "  " not in once and "\u3000" not in once


def test_normalize_spaces_examples():
    assert normalize_spaces(" 软件\u3000工程 ") == "软件工程"
    assert normalize_spaces("Java  EE 方向") == "Java EE方向"
