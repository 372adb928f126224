"""One check per kind of value, used by every entry point (imports, back-office and portal forms,
check-in, SMS, employer pages, employment/dispatch records), so a value accepted in one place is
accepted everywhere.

`normalise` is the edge: full-width digits, letters and punctuation become ASCII (NFKC) and every kind of
whitespace (incl. U+3000 and NBSP) is dropped. Each `validate_*` applies it itself, returns the normalised
value and raises ValidationError with a Chinese message that says why; `is_*` answers yes/no.

Rules (decided once, here):
- 身份证号: 18 characters — 17 ASCII digits and a digit or X (x is stored as X) — with the GB 11643 check
  digit (python-stdnum), a real birth date from 1900-01-01 to today, and a known region prefix: a code in
  python-stdnum's GB/T 2260 history (any period: a card keeps its code after the county is renamed) or in
  the platform's own division table (registered by the codes app: it adds development zones and other
  function areas such as 220272 吉林高新技术产业开发区 that stdnum does not know). Anything else
  (999999…) is refused everywhere.
- 手机号码: a mainland mobile number 1[3-9]xxxxxxxxx; dashes, brackets and a +86/0086/86 prefix are dropped.
- 固定电话: area code (0 + 2–3 digits) and a 7–8 digit number, optional extension; or a 400/800 number.
- 联系电话: a mobile number or a landline.
- 邮政编码: 6 digits.  电子邮箱: Django's EmailValidator; “。” is read as “.”; stored lower-case (mailbox
  names are case-insensitive at every mainland provider, and one spelling keeps duplicates findable).
- 统一社会信用代码: GB 32100-2015 (python-stdnum): length, alphabet and check character.
"""

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from stdnum import numdb
from stdnum.cn import ric, uscc

from .registry import Registry

DIGITS = re.compile(r"^[0-9]+$")  # [0-9]: \d would admit other scripts' digits
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
MOBILE_PREFIX = re.compile(r"^(\+86|0086|86)(?=1[0-9]{10}$)")
COUNTRY_PREFIX = re.compile(r"^(\+86|0086)-?")
LANDLINE = re.compile(r"^(0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?|[48]00-?[0-9]{3}-?[0-9]{4})$")
POSTAL_CODE = re.compile(r"^[0-9]{6}$")
SEPARATORS = re.compile(r"[-()]")
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, Z, S, V
EARLIEST_BIRTH = datetime.date(1900, 1, 1)

MOBILE_RULE = "应为 11 位大陆手机号（1 开头），如 13812345678。"
LANDLINE_RULE = "应带区号，如 010-12345678（可带分机号 -123），或 400 开头的服务电话。"
PHONE_RULE = "手机号为 1 开头的 11 位数字，固定电话如 010-12345678（可带分机号 -123），或 400 开头的服务电话。"
POSTAL_RULE = "应为 6 位数字。"
EMAIL_RULE = "格式应如 zhangsan@example.com。"


def shown(value):
    """The value as the user typed it, for a message."""
    return str(value if value is not None else "").strip()


def normalise(value):
    """Full-width → half-width (NFKC) and no whitespace at all: the one cleaning every entry point applies."""
    if value is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


# -- 身份证号 -------------------------------------------------------------------------------------------
REGION_CODE_SOURCES: Registry = Registry("region code source")
_extra_region_codes = None


def register_region_codes(load):
    """Add a source of known 6-digit region codes (a callable returning an iterable), read once on first use."""
    global _extra_region_codes
    REGION_CODE_SOURCES.register(f"{load.__module__}.{load.__qualname__}", load)
    _extra_region_codes = None


def _registered_region_codes():
    global _extra_region_codes
    if _extra_region_codes is None:
        _extra_region_codes = frozenset(code for load in REGION_CODE_SOURCES.values() for code in load())
    return _extra_region_codes


def region_code_known(code):
    """A 6-digit code stdnum's GB/T 2260 history knows at county level (any period), or a registered one.

    stdnum's table has no 'county' entry for development zones (220272) — reading it as if it had one is
    what raised KeyError: 'county' in ric.get_birth_place — so only the presence of the entry is asked here.
    """
    if code in _registered_region_codes():
        return True
    return any("county" in props for _, props in numdb.get("cn/loc").info(code)[1:])


def validate_id_number(value):
    """The normalised 18-character 身份证号 (X upper-case), or ValidationError saying what is wrong."""
    number = normalise(value).upper()
    if not number:
        raise ValidationError("请填写身份证号。", code="required")
    if len(number) != 18:
        raise ValidationError(f"身份证号应为 18 位，当前为 {len(number)} 位。", code="length")
    if not (DIGITS.fullmatch(number[:17]) and (DIGITS.fullmatch(number[17]) or number[17] == "X")):
        raise ValidationError("身份证号格式有误：前 17 位应为数字，最后一位为数字或 X。", code="format")
    if number[17] != ric.calc_check_digit(number):
        raise ValidationError("身份证号校验位不正确，请核对是否有输错的数字。", code="checksum")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(f"身份证号中的出生日期“{number[6:14]}”不是有效日期。", code="birth_date") from None
    if not EARLIEST_BIRTH <= birth <= datetime.date.today():
        raise ValidationError(f"身份证号中的出生日期 {birth:%Y-%m-%d} 不合理。", code="birth_date")
    if not region_code_known(number[:6]):
        raise ValidationError(f"身份证号前 6 位地区码“{number[:6]}”不是有效的行政区划代码。", code="region")
    return number


def id_number_birth_date(number):
    """The birth date of a number that passed validate_id_number."""
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_number_sex(number):
    """“1” (male, odd 17th digit) or “2” (female), as in GB/T 2261.1 and Student.Gender."""
    return "1" if int(number[16]) % 2 else "2"


# -- phones, postal code, e-mail --------------------------------------------------------------------------
def validate_mobile(value):
    """The 11-digit mainland mobile number, or ValidationError."""
    text = MOBILE_PREFIX.sub("", SEPARATORS.sub("", normalise(value)))
    if not MOBILE.fullmatch(text):
        raise ValidationError(f"“{shown(value)}”不是有效的手机号码：{MOBILE_RULE}", code="mobile")
    return text


def validate_landline(value):
    """A landline with its area code (010-12345678, 075587654321, 010-12345678-123) or a 400/800 number."""
    text = normalise(value).replace("(", "").replace(")", "")
    if COUNTRY_PREFIX.match(text):  # +86 27 8765 4321 (the area code's 0 dropped, or kept by habit)
        text = COUNTRY_PREFIX.sub("", text)
        if not text.startswith(("0", "400", "800")):
            text = "0" + text
    if not LANDLINE.fullmatch(text):
        raise ValidationError(f"“{shown(value)}”不是有效的固定电话：{LANDLINE_RULE}", code="landline")
    return text


def validate_phone(value):
    """联系电话: a mobile number or a landline."""
    for check in (validate_mobile, validate_landline):
        try:
            return check(value)
        except ValidationError:
            pass
    raise ValidationError(f"“{shown(value)}”不是有效的联系电话：{PHONE_RULE}", code="phone")


def validate_postal_code(value):
    text = normalise(value)
    if not POSTAL_CODE.fullmatch(text):
        raise ValidationError(f"“{shown(value)}”不是有效的邮政编码，{POSTAL_RULE}", code="postal_code")
    return text


_email = EmailValidator()
# The everyday address (name@example.com) in a form EmailValidator always accepts: a strict subset of its
# dot-atom user part, host labels and TLD, ASCII only. Matching it skips EmailValidator's lazy regexes
# (≈35 µs a value, twice per row of a 5,000-row import); anything else still goes through EmailValidator.
_SIMPLE_EMAIL = re.compile(r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                           r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}")


def validate_email(value):
    text = normalise(value).replace("。", ".").lower()
    if len(text) <= 320 and _SIMPLE_EMAIL.fullmatch(text):
        return text
    try:
        _email(text)
    except ValidationError:
        raise ValidationError(f"“{shown(value)}”不是有效的电子邮箱，{EMAIL_RULE}", code="email") from None
    return text


# -- 统一社会信用代码 --------------------------------------------------------------------------------------
def validate_credit_code(value):
    """统一社会信用代码 (GB 32100-2015): 18 characters, the right alphabet, check character (python-stdnum)."""
    number = uscc.compact(normalise(value)).upper()
    if not number:
        raise ValidationError("请填写统一社会信用代码。", code="required")
    if len(number) != 18:
        raise ValidationError(f"统一社会信用代码应为 18 位，当前为 {len(number)} 位。", code="length")
    for index, char in enumerate(number, start=1):
        if index <= 8 and not DIGITS.fullmatch(char):
            raise ValidationError(f"统一社会信用代码第 {index} 位“{char}”无效：前 8 位（登记管理部门、机构类别和"
                                  f"登记地行政区划码）应为数字。", code="characters")
        if char not in USCC_ALPHABET:
            raise ValidationError(f"统一社会信用代码第 {index} 位“{char}”无效：只能使用数字和大写字母"
                                  f"（不含 I、O、Z、S、V）。", code="characters")
    if number[-1] != uscc.calc_check_digit(number[:-1]):
        raise ValidationError("统一社会信用代码校验码（最后一位）不正确，请对照营业执照核对是否有输错的字符。",
                              code="checksum")
    return number


def is_valid(validate, value):
    try:
        validate(value)
    except ValidationError:
        return False
    return True


def is_id_number(value):
    return is_valid(validate_id_number, value)


def is_mobile(value):
    return is_valid(validate_mobile, value)


# -- form fields ------------------------------------------------------------------------------------------
class ValueField(forms.CharField):
    """A CharField whose value is normalised and checked by one of the validators above.

    An empty value stays "" (`required` decides whether that is allowed); a value too long for the
    model column is caught by max_length after normalising.
    """

    check = None  # one of the validate_* functions

    def to_python(self, value):
        text = normalise(super().to_python(value))
        if text in self.empty_values:
            return self.empty_value
        try:
            return type(self).check(text)
        except ValidationError as exc:
            message, label = exc.messages[0], str(self.label or "")
            if message.startswith(label):
                raise
            # every message names the field, as the forms' own messages do
            raise ValidationError(f"{label}：{message}", code=exc.code) from None


class IdNumberField(ValueField):
    check = staticmethod(validate_id_number)


class MobileField(ValueField):
    check = staticmethod(validate_mobile)


class PhoneField(ValueField):
    check = staticmethod(validate_phone)


class PostalCodeField(ValueField):
    check = staticmethod(validate_postal_code)


class EmailField(ValueField):
    check = staticmethod(validate_email)


class CreditCodeField(ValueField):
    check = staticmethod(validate_credit_code)
