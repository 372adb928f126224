"""The provincial employment-data sheet (省级毕业生就业管理系统 就业信息上报/下载表).

Provincial systems (e.g. 广东、江苏 毕业生就业管理系统) key every record by 身份证号 and
考生号 and carry codes rather than names for destination, employer nature, industry and
region. This is the one layout we read (the province's export) and write (our upload file);
docs/formats/provincial-employment.md describes it for admins.

| 列名             | 本系统字段                          | 比较方式 |
|------------------|-------------------------------------|----------|
| 考生号           | 学生.考生号                         | 两边都有值时按文本比较 |
| 身份证号         | 学生.身份证号                       | 匹配依据；按考生号匹配时比较 |
| 姓名             | 学生.姓名                           | 规范化文本 |
| 毕业去向代码     | 就业信息.毕业去向（代码表 destination） | 代码值 |
| 单位名称         | 就业信息.单位名称                   | 规范化文本 |
| 统一社会信用代码 | 就业信息.统一社会信用代码           | 代码值（不分大小写） |
| 单位性质代码     | 就业信息.单位性质（employer_nature）| 代码值 |
| 单位行业代码     | 就业信息.单位行业（industry）       | 代码值 |
| 单位所在地代码   | 就业信息.单位所在地（region）       | 代码值 |
| 单位地址         | 就业信息.单位地址                   | 规范化文本 |
| 单位联系人       | 就业信息.单位联系人                 | 规范化文本 |
| 联系电话         | 就业信息.联系电话                   | 规范化文本 |
| 工作职位         | 就业信息.工作职位                   | 规范化文本 |
| 协议书编号       | 就业信息.协议书编号                 | 代码值 |
| 落实日期         | 就业信息.落实日期（YYYY-MM-DD）     | 日期值 |
| 升学专业         | 就业信息.升学专业                   | 规范化文本 |

"代码值": trimmed, upper-cased, and all-digit codes compared as numbers (Excel turns "01"
into 1). "规范化文本": careers.core.text.normalize_spaces. Columns are matched by header
name (any order); 序号 is ignored; any other column means the file is in another layout.
"""

import csv
from dataclasses import dataclass

from django.utils import timezone

from careers.core.exports import ExportField, cell_rows, write_xlsx

# Column kinds: how a column is matched and compared (see compare.py).
CANDIDATE, ID, NAME, CODE, TEXT, DATE = "candidate", "id", "name", "code", "text", "date"


@dataclass(frozen=True)
class Column:
    label: str  # the header in the provincial sheet
    path: str  # values() path from EmploymentRecord
    kind: str
    code_kind: str = ""  # code table of a coded column, for showing names beside codes
    aliases: tuple = ()  # other headers provincial exports of other years use for the same column
    help: str = ""


COLUMNS = (
    Column("考生号", "student__candidate_number", CANDIDATE, aliases=("高考考生号",), help="高考考生号"),
    Column("身份证号", "student__id_number", ID, aliases=("身份证号码", "证件号码"), help="18 位居民身份证号"),
    Column("姓名", "student__name", NAME),
    Column("毕业去向代码", "destination__code", CODE, "destination",
           help="教育部毕业去向代码，如 10 签就业协议形式就业"),
    Column("单位名称", "employer_name", TEXT, help="就业单位、升学院校或创业企业全称"),
    Column("统一社会信用代码", "employer_credit_code", CODE, aliases=("单位统一社会信用代码",)),
    Column("单位性质代码", "employer_nature__code", CODE, "employer_nature"),
    Column("单位行业代码", "employer_industry__code", CODE, "industry"),
    Column("单位所在地代码", "employer_region__code", CODE, "region", help="6 位行政区划代码"),
    Column("单位地址", "employer_address", TEXT),
    Column("单位联系人", "contact_person", TEXT),
    Column("联系电话", "contact_phone", TEXT, aliases=("单位联系电话",)),
    Column("工作职位", "position", TEXT),
    Column("协议书编号", "agreement_number", CODE, aliases=("就业协议书编号",)),
    Column("落实日期", "placed_on", DATE, help="YYYY-MM-DD"),
    Column("升学专业", "study_major", TEXT),
)
IGNORED_HEADERS = ("序号",)
LABELS = tuple(column.label for column in COLUMNS)

FORMATS = {
    "xlsx": "Excel（.xlsx）",
    "csv": "CSV（UTF-8）",
    "csv-gbk": "CSV（GBK 编码，省系统要求 GBK 时选用）",
}
EXTENSIONS = {"xlsx": "xlsx", "csv": "csv", "csv-gbk": "csv"}
SHEET_NAME = "就业信息"


def export_fields():
    """The layout as export fields: every column is a plain database path (the fast writer path)."""
    return [ExportField(column.label, column.label, column.path) for column in COLUMNS]


def ordered(queryset):
    return queryset.order_by("student__student_number", "pk")


def write(path, fmt, queryset, progress=None):
    """Write the employment records of `queryset` in the provincial layout; returns the row count.

    Values are the approved ones (the model's own fields; pending changes are not included).
    """
    fields = export_fields()
    queryset = ordered(queryset)
    if fmt == "xlsx":
        return write_xlsx(path, fields, queryset, SHEET_NAME, progress)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return _write_csv(path, fields, queryset, "gb18030" if fmt == "csv-gbk" else "utf-8", progress)


def _write_csv(path, fields, queryset, encoding, progress):
    count = 0
    with open(path, "w", encoding=encoding, newline="") as handle:
        if encoding == "utf-8":
            handle.write("\ufeff")  # so Excel opens it as UTF-8
        writer = csv.writer(handle)
        writer.writerow([field.label for field in fields])
        for count, row in enumerate(cell_rows(fields, queryset), start=1):
            writer.writerow(row)
            if progress and count % 500 == 0:
                progress(count)
    if progress:
        progress(count)
    return count


def filename(label, fmt):
    return f"{label}-{timezone.localtime():%Y%m%d-%H%M%S}.{EXTENSIONS[fmt]}"
