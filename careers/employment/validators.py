"""Checks on the values of an employment record, with messages a clerk or student can act on.

Each validator raises django's ValidationError in Chinese and returns the normalised value.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from stdnum.cn import uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, Z, S, V
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
PHONE_MESSAGE = "联系电话格式不正确：手机号为 1 开头的 11 位数字，固定电话如 010-12345678（可带分机号 -123）。"


def validate_credit_code(value):
    """统一社会信用代码 (GB 32100-2015, python-stdnum): 18 characters, the right alphabet, check character."""
    number = uscc.compact(value or "")
    if len(number) != 18:
        raise ValidationError(f"统一社会信用代码应为 18 位，当前为 {len(number)} 位。", code="length")
    for index, char in enumerate(number, start=1):
        if index <= 8 and not char.isdecimal():
            raise ValidationError(f"统一社会信用代码第 {index} 位“{char}”无效：前 8 位（登记管理部门、机构类别和"
                                  f"登记地行政区划码）应为数字。", code="characters")
        if char not in USCC_ALPHABET:
            raise ValidationError(f"统一社会信用代码第 {index} 位“{char}”无效：只能使用数字和大写字母"
                                  f"（不含 I、O、Z、S、V）。", code="characters")
    if number[-1] != uscc.calc_check_digit(number[:-1]):
        raise ValidationError("统一社会信用代码校验码（最后一位）不正确，请对照营业执照核对是否有输错的字符。",
                              code="checksum")
    return number


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


def validate_phone(value):
    """A mobile number or a landline (area code, number, optional extension); spaces and +86 are dropped."""
    text = re.sub(r"[\s()（）]", "", value or "")
    if text.startswith("+86"):
        text = text[3:]
    if not text:
        return ""
    if MOBILE.match(text) or LANDLINE.match(text):
        return text
    raise ValidationError(PHONE_MESSAGE, code="phone")
