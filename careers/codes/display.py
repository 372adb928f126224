"""A code's 附加信息 (Code.extra, the code tables' extra CSV columns) in words for the code pages."""

from .loader import CSV_TABLES

EXTRA_LABELS = {
    "category": "去向类别", "counts_as_placed": "计入毕业去向落实率", "former_name": "曾用名", "years": "学制（年）",
    "catalogue": "专业目录", "short_name": "简称", "group": "类别", "active": "在籍", "level": "层级",
    "discipline": "学科门类代码", "degree_type": "学位类型", "note": "备注", "flags": "专业标记",
}
YES_NO_KEYS = {"counts_as_placed", "active"}
CATALOGUES = {"graduate": "研究生学科专业目录", "undergraduate": "本科专业目录", "vocational": "高职专科专业目录",
              **{kind: name for kind, name, _ in CSV_TABLES}}
VALUES = {
    "level": {"section": "门类", "division": "大类", "category": "专业大类", "class": "专业类", "major": "专业"},
    "degree_type": {"academic": "学术学位", "professional": "专业学位"},
    "flags": {"T": "特设专业", "K": "国家控制布点专业", "TK": "特设专业、国家控制布点专业"},
    "catalogue": CATALOGUES,
}


def extra_text(extra):
    """“去向类别：灵活就业；计入毕业去向落实率：是” — empty values left out."""
    if not isinstance(extra, dict):
        return str(extra or "")
    parts = []
    for key, value in extra.items():
        if value in (None, ""):
            continue
        text = str(value)
        if key in YES_NO_KEYS:
            text = "是" if text in ("1", "True", "true") else "否"
        else:
            text = VALUES.get(key, {}).get(text, text)
        parts.append(f"{EXTRA_LABELS.get(key, key)}：{text}")
    return "；".join(parts)
