"""Read an uploaded .xlsx / .xls / .csv into a header row plus data rows of strings.

The file type is decided by its content, not only its name: a renamed .exe or .docx
is rejected. CSV may be UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030,
which is what Excel on a Chinese Windows writes for "CSV (逗号分隔)".
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from ..bulk import paused_gc

ALLOWED_EXTENSIONS = (".xlsx", ".xls", ".csv")
NOTE_PREFIX = "说明："  # the template's notes row; skipped when reading


class ImportFileError(Exception):
    """The file cannot be imported; the message tells the user why, in Chinese."""


@dataclass
class Sheet:
    headers: list
    rows: list = field(default_factory=list)  # [(Excel row number, [cell text, ...]), ...]
    # derived data that depends only on the rows (see runner.prepared_rows); never compared
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def row_count(self):
        return len(self.rows)


def extension_of(filename):
    name = (filename or "").lower()
    return next((ext for ext in ALLOWED_EXTENSIONS if name.endswith(ext)), "")


def sniff(data):
    """The actual format of `data`: xlsx, xls, csv, or a short description of what it is."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "损坏的压缩文件"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "Word 文档"
        if any(n.startswith("ppt/") for n in names):
            return "PowerPoint 文档"
        return "压缩文件"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"  # OLE2; a renamed .doc fails later when opened as a workbook
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return "可执行程序"
    if head.startswith(b"%PDF"):
        return "PDF 文档"
    if head[:3] in (b"\xff\xd8\xff", b"GIF") or head.startswith(b"\x89PNG"):
        return "图片"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text with BOM ("Unicode 文本")
    if b"\x00" in data[:4096]:
        return "二进制文件"
    return "csv"


def decode_text(data):
    """Decode CSV bytes: BOM first, then strict UTF-8, then GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("无法识别 CSV 文件的文字编码，请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后重新上传。")


def read_csv(data):
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise ImportFileError("CSV 文件的文字编码有误，请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后重新上传。")
    # Excel writes UTF-16 only for "Unicode 文本", which is tab separated; everything else is CSV.
    delimiter = "\t" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ","
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:
        raise ImportFileError("CSV 文件格式有误（引号不配对等），请用 Excel 打开检查后重新保存。")


def read_excel(data):
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # The template keeps its dropdown lists on a hidden sheet: read the first visible one.
        visible = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible] or book.sheet_names
        if not visible:
            raise ImportFileError("Excel 文件中没有工作表。")
        return book.get_sheet_by_name(visible[0]).to_python(skip_empty_area=False)
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError("无法打开该 Excel 文件：文件可能已损坏、设置了密码，或并非 Excel 表格。"
                              "请用 Excel 打开后另存为 .xlsx 再上传。")


def cell_text(value):
    """Excel cell -> text as the user typed it (4.0 -> "4", dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != datetime.time() else value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)


@paused_gc()
def read_table(data, filename, *, max_rows=None):
    """Parse an upload into a `Sheet`, or raise ImportFileError with a clear reason."""
    ext = extension_of(filename)
    if not ext:
        raise ImportFileError("只支持 Excel（.xlsx、.xls）或 CSV（.csv）文件。")
    if not data:
        raise ImportFileError("上传的文件是空的。")
    kind = sniff(data)
    if kind not in ("xlsx", "xls", "csv"):
        raise ImportFileError(f"文件“{filename}”的扩展名是 {ext}，但内容实际上是{kind}，不能导入。"
                              "请上传 Excel 或 CSV 表格。")
    if ext == ".csv" and kind != "csv":
        raise ImportFileError(f"文件“{filename}”的扩展名是 .csv，但内容是 Excel 工作簿，请把扩展名改为 .xlsx 后再上传。")
    if ext != ".csv" and kind == "csv":
        raise ImportFileError(f"文件“{filename}”的扩展名是 {ext}，但内容不是 Excel 工作簿。"
                              "如果是 CSV 文本，请把扩展名改为 .csv。")
    raw = read_csv(data) if kind == "csv" else read_excel(data)
    return build_sheet([[cell_text(v) for v in row] for row in raw], max_rows=max_rows)


def build_sheet(raw_rows, *, max_rows=None):
    """Find the header row, check it, and keep non-blank data rows with their Excel numbers."""
    numbered = [(index + 1, row) for index, row in enumerate(raw_rows)]
    numbered = [(n, row) for n, row in numbered if any(cell.strip() for cell in row)]
    if not numbered:
        raise ImportFileError("表格中没有任何内容，请检查是否选错了文件或工作表（只读取第一个工作表）。")
    header_number, header_cells = numbered[0]
    width = max(i + 1 for i, cell in enumerate(header_cells) if cell.strip())
    headers = [cell.strip() or f"第{i + 1}列" for i, cell in enumerate(header_cells[:width])]
    seen = {}
    for i, name in enumerate(headers):
        if name in seen:
            raise ImportFileError(f"表头“{name}”重复出现（第 {seen[name] + 1} 列和第 {i + 1} 列），"
                                  "请删除或改名其中一列后重新上传。")
        seen[name] = i
    rows = []
    for number, cells in numbered[1:]:
        cells = (list(cells) + [""] * width)[:width]
        if number == header_number + 1 and all(c.startswith(NOTE_PREFIX) for c in cells if c.strip()):
            continue  # the template's notes row
        if any(c.strip() for c in cells):
            rows.append((number, cells))
    if not rows:
        raise ImportFileError("表格只有表头，没有数据行。请在表头下方填写数据后重新上传。")
    check_row_limit(len(rows), max_rows)
    return Sheet(headers=headers, rows=rows)


def check_row_limit(count, max_rows):
    if max_rows and count > max_rows:
        raise ImportFileError(f"表格共有 {count} 行数据，超过单次导入上限 {max_rows} 行，请拆分成多个文件分批导入。")
