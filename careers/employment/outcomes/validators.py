"""Checks on the values of an employment record, with messages a clerk or student can act on.

Each validator raises django's ValidationError in Chinese and returns the normalised value. Credit code and
phone are the shared rules of careers.core.validators.
"""

import datetime

from django.core.exceptions import ValidationError

def validate_region(code):
    """单位所在地: a code of the current 行政区划 table (an older edition's code is refused)."""
    from careers.codes.models import Code

    pk = getattr(code, "pk", code)
    if pk in (None, ""):
        return None
    region = Code.objects.of("region").filter(pk=pk).first()
    if region is None:
        raise ValidationError("单位所在地不是现行行政区划中的地区，请重新选择。", code="region")
    return region


def placement_window(graduation_year):
    """落实日期 may fall from 1 Sept of the year before graduation through 31 Dec of the graduation year."""
    return datetime.date(graduation_year - 1, 9, 1), datetime.date(graduation_year, 12, 31)


def placement_rule(graduation_year):
    start, end = placement_window(graduation_year)
    return (f"{graduation_year}届毕业生的落实日期须在 {start.year}年{start.month}月{start.day}日 至 {end.year}年{end.month}月{end.day}日 之间"
            f"（毕业前一年 9 月 1 日至毕业当年 12 月 31 日）")


def validate_placed_on(value, graduation_year):
    if value is None:
        return None
    start, end = placement_window(graduation_year)
    if not start <= value <= end:
        raise ValidationError(f"落实日期 {value:%Y-%m-%d} 不在规定范围内：{placement_rule(graduation_year)}。",
                              code="placed_on")
    return value
