"""The generic pipeline with a toy spec: field kinds, normalisation warnings, report and error sheet."""

import io

import openpyxl
import pytest

from careers.core.imports import MATCH_REQUIRED, OPTIONAL, REQUIRED, ImportField, ImportSpec, RowResult
from careers.core.imports.mapping import MappingForm, auto_mapping, header_key
from careers.core.imports.readers import build_sheet
from careers.core.imports.report import build_report, error_workbook, first_difference
from careers.core.imports.runner import validate
from careers.core.imports.spec import ImportContext, nearest, unknown_value


class ToySpec(ImportSpec):
    slug, label, permission = "tests.toy", "导入玩具", "tests.toy.import"
    fields = [
        ImportField("number", "学号", REQUIRED),
        ImportField("phone", "手机号码", MATCH_REQUIRED, aliases=("手机",)),
        ImportField("note", "备注", OPTIONAL, normalize=False),
    ]

    def clean_row(self, values, context):
        result = RowResult()
        if values["phone"] and not values["phone"].isdigit():
            result.error("phone", "只能包含数字。")
        earlier = context.first_seen(values["number"])
        if values["number"] and earlier:
            result.error("number", f"与第 {earlier} 行重复。")
        result.payload = dict(values)
        return result


def sheet(*rows, header=("学号", "手机", "备注")):
    return build_sheet([list(header), *[list(r) for r in rows]])


def run(sheet_):
    spec = ToySpec()
    mapping = auto_mapping(spec, sheet_.headers)
    return spec, mapping, validate(spec, sheet_, mapping, ImportContext(spec, None))


def test_required_must_have_values_match_required_may_be_empty():
    _, _, results = run(sheet(["1", "", ""], ["", "138", ""], ["3", "x", ""]))
    assert [r.ok for r in results] == [True, False, False]
    assert results[1].errors == {"number": "不能为空。"}
    assert results[2].errors == {"phone": "只能包含数字。"}
    assert [r.row for r in results] == [2, 3, 4]


def test_spaces_are_trimmed_with_warning_unless_the_field_opts_out():
    _, _, results = run(sheet(["\u30002024 ", "138", "  原样  "]))
    assert results[0].payload["number"] == "2024"
    assert results[0].warnings == ["「学号」含多余空格（含全角空格），已自动去除，按“2024”处理。"]
    assert results[0].payload["note"] == "原样"  # only trimmed, no warning


def test_report_counts_and_difference_detection():
    spec, mapping, results = run(sheet(["1", "", ""], ["1", "", ""], ["2", "", ""]))
    report = build_report(spec, results, mapping=mapping, sha256="abc")
    assert report["counts"] | {} == {"create": 2, "update": 0, "skip": 0, "error": 1, "total": 3, "valid": 2,
                                     "warning_rows": 0}
    assert report["rows"][1]["errors"] == [["学号", "与第 2 行重复。"]]
    assert first_difference(report, report) is None
    _, _, changed = run(sheet(["1", "", ""], ["1", "", ""], ["2", "139", ""]))
    later = build_report(spec, changed, mapping=mapping, sha256="abc")
    assert first_difference(report, later) == "第 4 行的检查结果已变化（数据内容有变化）。"


def test_error_sheet_has_original_columns_reason_and_row_number():
    data = sheet(["1", "", "=cmd"], ["1", "x", ""])
    spec, mapping, results = run(data)
    book = openpyxl.load_workbook(io.BytesIO(error_workbook(data, build_report(spec, results, mapping=mapping,
                                                                                  sha256=""))))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("学号", "手机", "备注", "错误原因", "原行号")
    assert rows[1][:2] == ("1", "x") and rows[1][2] in (None, "")
    assert rows[1][3:] == ("「学号」与第 2 行重复。；「手机号码」只能包含数字。", 3)


def test_mapping_form_requires_required_and_match_required_columns():
    form = MappingForm({"number": "学号", "phone": "", "note": ""}, spec=ToySpec(), headers=["学号", "手机"])
    assert not form.is_valid()
    assert form.errors["phone"] == ["「手机号码」为必填字段，必须匹配表格中的一列。"]
    form = MappingForm({"number": "学号", "phone": "手机", "note": ""}, spec=ToySpec(), headers=["学号", "手机"])
    assert form.is_valid() and form.mapping == {"number": "学号", "phone": "手机"}


def test_header_matching_ignores_marks():
    assert header_key(" 学号* ") == header_key("学号（必填）") == header_key("学号")
    assert auto_mapping(ToySpec(), ["手机", "学号*"]) == {"number": "学号*", "phone": "手机"}


def test_suggestions():
    assert nearest("本科", ["博士研究生", "本科生", "专科生"]) == "本科生"
    assert nearest("硕士", ["博士研究生", "硕士研究生"]) == "硕士研究生"
    assert nearest("完全无关", ["本科生"]) is None
    assert unknown_value("本科", "学历", ["本科生", "专科生"]) == "“本科”不是有效的学历，可选值：本科生、专科生。您是否要填“本科生”？"


@pytest.mark.parametrize("options, shown", [(list("ABCDEFGHIJ"), "A、B、C、D、E、F、G、H 等 10 项")])
def test_long_option_lists_are_shortened(options, shown):
    assert shown in unknown_value("Z", "代码", options)
