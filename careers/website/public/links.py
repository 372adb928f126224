"""Small link and display helpers of the public pages. The files (covers, attachments, videos) are the articles
area's (`articles/files.py`: `Article.cover_url`, `Article.media_url`, `ArticleAttachment.url`)."""

from functools import lru_cache

ICONS = (
    ({"pdf"}, "bi-file-earmark-pdf", "PDF"),
    ({"doc", "docx", "wps"}, "bi-file-earmark-word", "Word"),
    ({"xls", "xlsx", "et", "csv"}, "bi-file-earmark-excel", "Excel"),
    ({"ppt", "pptx", "dps"}, "bi-file-earmark-ppt", "PPT"),
    ({"zip", "rar", "7z", "gz"}, "bi-file-earmark-zip", "压缩包"),
    ({"jpg", "jpeg", "png", "gif", "webp"}, "bi-file-earmark-image", "图片"),
    ({"mp4", "webm", "mov"}, "bi-file-earmark-play", "视频"),
    ({"txt"}, "bi-file-earmark-text", "文本"),
)


@lru_cache(maxsize=64)
def file_kind(name):
    """(bootstrap icon class, type label) for a file name, by its extension."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for extensions, icon, label in ICONS:
        if ext in extensions:
            return icon, label
    return "bi-file-earmark", (ext.upper() or "文件")
