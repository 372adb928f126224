"""PDF uploads (résumé attachments, receipts, payment proofs, licences), checked by parsing them.

A byte search for "/JavaScript" is blind to name escapes ("/J#61vaScript" is the same
name) and to objects packed into compressed object streams. Here pypdf parses the file
and every object is visited, those inside object streams included; names arrive decoded.
A document is refused when anything anywhere holds active content a reader could run or
open (scripts, launch actions, embedded files, XFA forms, rich media), when it cannot be
parsed, or when it is encrypted beyond an empty password (it could not be inspected).
"""

import io
import logging
import re

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

# name -> what it is, for the message
ACTIVE_NAMES = {
    "/JS": "脚本（JavaScript）",
    "/JavaScript": "脚本（JavaScript）",
    "/Launch": "启动外部程序的操作",
    "/EmbeddedFiles": "嵌入文件",
    "/EmbeddedFile": "嵌入文件",
    "/XFA": "XFA 动态表单",
    "/RichMedia": "富媒体（Flash 等）",
}
MAX_OBJECTS = 200_000  # a 5 MB file has far fewer; more means something is being abused
RAW_NAME = re.compile(rb"/(?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+")
STREAM_BODY = re.compile(rb"\bstream\r?\n.*?\bendstream\b", re.S)  # binary data: "/JS" may occur by chance


class PdfError(ValidationError):
    pass


def refuse(what):
    return PdfError(f"PDF 中含有{what}，出于安全原因不能上传，请用“打印为 PDF”或“另存为 PDF”重新导出为普通 PDF 后上传。",
                    code="active")


def broken():
    return PdfError("PDF 文件已损坏或无法解析，请重新导出后上传。", code="broken")


def encrypted():
    return PdfError("PDF 文件设置了密码或加密，无法检查其内容，请取消密码保护后重新导出上传。", code="encrypted")


def check_pdf(data, what="附件"):
    """Raise ValidationError (Chinese) unless `data` is a parseable PDF with no active content."""
    if not data.startswith(b"%PDF-"):
        raise PdfError(f"{what}不是 PDF 文件（按文件内容判断，与扩展名无关），请导出为 PDF 后上传。", code="not_pdf")
    _scan_raw(data)  # also sees objects a repairing reader might find though no xref lists them
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise encrypted()
        len(reader.pages)  # the page tree must be readable
        objects = list(_all_objects(reader))
        for obj in objects:
            _check_tree(obj)
    except PdfError:
        raise
    except (DependencyError, FileNotDecryptedError):  # e.g. AES without a crypto library installed
        raise encrypted()
    except Exception:  # pypdf raises many kinds on malformed input; any of them means "cannot parse"
        logger.info("PDF upload refused: pypdf could not parse it", exc_info=True)
        raise broken()


def _scan_raw(data):
    """Names outside stream data, escapes decoded (object streams are covered by the walk)."""
    for match in RAW_NAME.finditer(STREAM_BODY.sub(b" ", data)):
        name = "/" + NameObject.unnumber(match.group()[1:]).decode("latin-1")
        if name in ACTIVE_NAMES:
            raise refuse(ACTIVE_NAMES[name])


def _all_objects(reader):
    """The trailer and every indirect object: from the cross-reference tables and object streams."""
    yield reader.trailer
    refs = [(num, gen) for gen, table in reader.xref.items() for num in table]
    refs += [(num, 0) for num in reader.xref_objStm]
    if len(refs) > MAX_OBJECTS:
        raise broken()
    for num, gen in refs:
        yield reader.get_object(IndirectObject(num, gen, reader))


def _check_tree(root):
    """Every name (key or value) in one object and its direct children; references are not
    followed here because every indirect object is visited on its own."""
    stack, seen = [root], 0
    while stack:
        obj = stack.pop()
        seen += 1
        if seen > MAX_OBJECTS:
            raise broken()
        if isinstance(obj, IndirectObject):
            continue
        if isinstance(obj, NameObject):
            if str(obj) in ACTIVE_NAMES:
                raise refuse(ACTIVE_NAMES[str(obj)])
        elif isinstance(obj, DictionaryObject):  # streams too (their dictionary)
            for key, value in obj.items():
                stack.append(NameObject(key))
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
