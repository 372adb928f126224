"""The link rule shared by 侧边栏, 事件提醒 and 轮播图: a site-relative path (`/jobs/`) or an http(s) address.

`javascript:`, `data:` and other schemes, and protocol-relative `//host` addresses (which leave the site while
looking relative) are refused with a message naming the field."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

HINT = "请填写站内地址（以 / 开头，如 /jobs/）或以 http:// 、https:// 开头的完整网址。"


def clean_link(value, label="链接地址", required=False):
    """The trimmed address, or ValidationError (Chinese, naming `label`)."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError(f"请填写{label}。", code="required")
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise ValidationError(f"{label}中不能含有空格或控制字符。{HINT}", code="invalid")
    if value.startswith("//") or value.startswith("/\\"):
        raise ValidationError(f"{label}不能以 // 开头（这会跳转到其他网站）。{HINT}", code="protocol_relative")
    if value.startswith("/"):
        return value
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc:
            raise ValidationError(f"{label}缺少网站域名。{HINT}", code="invalid")
        return value
    if scheme:
        raise ValidationError(f"{label}不允许使用 {scheme}: 地址（出于安全考虑）。{HINT}", code="scheme")
    raise ValidationError(f"{label}格式不正确。{HINT}", code="invalid")


def is_external(url):
    return url.startswith(("http://", "https://"))
