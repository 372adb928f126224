"""Step 0 (下载模板): an .xlsx with marked headers, a notes row and dropdowns for coded fields."""

import io

import xlsxwriter

from .readers import NOTE_PREFIX
from .spec import KIND_LABELS, MATCH_REQUIRED, REQUIRED

VALIDATED_ROWS = 5000  # dropdowns cover this many data rows


def header_text(field):
    return f"{field.label}*" if field.kind == REQUIRED else field.label


def note_text(field):
    return f"{NOTE_PREFIX}{KIND_LABELS[field.kind]}。{field.help}".rstrip()


def template_filename(spec):
    """The name the browser saves the template under, e.g. 专业设置导入模板.xlsx."""
    return spec.template_filename or f"{spec.label.removeprefix('导入')}导入模板.xlsx"


def build_template(spec):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(spec.label[:31])
    lists = None  # a hidden sheet holding the dropdown values (inline lists are limited to 255 chars)
    formats = {
        REQUIRED: book.add_format({"bold": True, "font_color": "#C00000", "bg_color": "#FDE9E7", "border": 1}),
        MATCH_REQUIRED: book.add_format({"bold": True, "font_color": "#9C5700", "bg_color": "#FFF2CC", "border": 1}),
        "optional": book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1}),
    }
    note = book.add_format({"italic": True, "font_color": "#7F7F7F", "text_wrap": True, "valign": "top"})
    text = book.add_format({"num_format": "@"})  # keep leading zeros in codes such as 080901
    for col, field in enumerate(spec.fields):
        sheet.write_string(0, col, header_text(field), formats.get(field.kind, formats["optional"]))
        sheet.write_string(1, col, note_text(field), note)
        sheet.set_column(col, col, max(12, len(field.label) * 3), text)
        choices = field.choice_list() if field.choices is not None else []
        if choices:
            if lists is None:
                lists = book.add_worksheet("可选值")
                lists.hide()
            lists.write_string(0, col, field.label)
            for row, value in enumerate(choices, start=1):
                lists.write_string(row, col, value)
            column = xlsxwriter.utility.xl_col_to_name(col)
            sheet.data_validation(2, col, VALIDATED_ROWS + 1, col, {
                "validate": "list",
                "source": f"='可选值'!${column}$2:${column}${len(choices) + 1}",
                "error_title": f"{field.label}无效",
                "error_message": f"请从下拉列表中选择{field.label}。",
                "error_type": "warning",
            })
    sheet.set_row(1, 48)
    sheet.freeze_panes(2, 0)
    book.close()
    return buffer.getvalue()
