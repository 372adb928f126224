"""Code tables and codes are shown by their Chinese names: no internal category keys (destination, gender…)
and a code's 附加信息 in words, not a raw dict."""

import re

from django.urls import reverse

from careers.codes.loader import CSV_TABLES
from careers.codes.models import Code, CodeTable

KINDS = re.compile(r"\b(" + "|".join(kind for kind, _, _ in CSV_TABLES) + r"|region)\b")


def visible(html):
    main = html[html.index("<main"):]
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S))


def test_code_table_list_and_detail_name_categories_in_chinese(client, school_admin):
    client.force_login(school_admin)
    text = visible(client.get(reverse("codes:codetable_list"), {"per_page": 100}).content.decode())
    assert "毕业去向" in text and "性别" in text
    assert not KINDS.search(text), KINDS.search(text)
    table = CodeTable.objects.get(kind="destination", is_current=True)
    text = visible(client.get(reverse("codes:codetable_detail", args=[table.pk])).content.decode())
    assert "毕业去向" in text and not KINDS.search(text)


def test_code_extra_in_words(client, school_admin):
    client.force_login(school_admin)
    code = Code.objects.of("destination").get(code="12")  # 其他录用形式就业
    text = visible(client.get(reverse("codes:code_detail", args=[code.pk])).content.decode())
    assert "去向类别：灵活就业；计入毕业去向落实率：是" in text
    assert "counts_as_placed" not in text and "{'" not in text
    level = Code.objects.of("education_level").get(code="31")
    text = visible(client.get(reverse("codes:code_detail", args=[level.pk])).content.decode())
    assert "专业目录：本科专业目录；简称：本科" in text
