"""The rules of careers.core.validators, one per kind of value, with the Chinese message that says why."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric, uscc

from careers.core import validators as v


def id_number(region="110105", birth="20030415", serial="123"):
    body = f"{region}{birth}{serial}"
    return body + ric.calc_check_digit(body + "?")


@pytest.mark.parametrize("region", ["110105", "220272", "320971", "441900", "460400"])
def test_id_numbers_of_counties_development_zones_and_cities_without_counties_are_accepted(region):
    assert v.validate_id_number(id_number(region)) == id_number(region)


def test_id_number_is_normalised_at_the_edge():
    number = "11010519491231002X"
    typed = " １１０１０５ １９４９１２３１００２ｘ\u3000"
    assert v.validate_id_number(typed) == number
    assert v.id_number_birth_date(number).isoformat() == "1949-12-31" and v.id_number_sex(number) == "2"


@pytest.mark.parametrize("value, message", [
    ("999999200001011233", "身份证号前 6 位地区码“999999”不是有效的行政区划代码"),
    (id_number()[:-1] + ("1" if id_number()[-1] != "1" else "2"), "身份证号校验位不正确"),
    ("1101052003041512", "身份证号应为 18 位，当前为 16 位"),
    ("11010520030415A23X", "前 17 位应为数字"),
    ("11010520030415１23٣", "前 17 位应为数字"),  # other scripts' digits are not digits here
    (id_number(birth="20030230"), "出生日期“20030230”不是有效日期"),
    (id_number(birth="18991231"), "不合理"),
    (id_number(birth="20991231"), "不合理"),
    ("", "请填写身份证号"),
])
def test_bad_id_numbers_say_why(value, message):
    with pytest.raises(ValidationError) as exc:
        v.validate_id_number(value)
    assert message in exc.value.messages[0]


@pytest.mark.parametrize("value, clean", [
    ("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678"), ("008613812345678", "13812345678"),
    ("８６１３８１２３４５６７８", "13812345678"), ("(138) 1234 5678", "13812345678"),
])
def test_mobiles(value, clean):
    assert v.validate_mobile(value) == clean and v.validate_phone(value) == clean


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "138123456789", "010-12345678", "١٣٨١٢٣٤٥٦٧٨"])
def test_not_mobiles(value):
    with pytest.raises(ValidationError, match="不是有效的手机号码"):
        v.validate_mobile(value)


@pytest.mark.parametrize("value, clean", [
    ("010-12345678", "010-12345678"), ("（０７５５）８６００１２３４", "075586001234"), ("0755-1234567-808", "0755-1234567-808"),
    ("400-810-8888", "400-810-8888"), ("+86 27 8765 4321", "02787654321"),
])
def test_landlines(value, clean):
    assert v.validate_landline(value) == clean and v.validate_phone(value) == clean


def test_phone_message_quotes_the_value_and_the_rule():
    with pytest.raises(ValidationError) as exc:
        v.validate_phone("12345")
    assert exc.value.messages[0].startswith("“12345”不是有效的联系电话：手机号为 1 开头的 11 位数字")


def test_postal_codes_and_emails():
    assert v.validate_postal_code(" ５１８ ０００ ") == "518000"
    with pytest.raises(ValidationError, match="“51800”不是有效的邮政编码，应为 6 位数字"):
        v.validate_postal_code("51800")
    assert v.validate_email("Zhang.San＠Example。COM") == "zhang.san@example.com"
    with pytest.raises(ValidationError, match="不是有效的电子邮箱"):
        v.validate_email("zhangsan@")


def test_credit_codes():
    body = "91420100MA4K1234"
    good = body + "5" + uscc.calc_check_digit(body + "5")
    assert v.validate_credit_code(" " + good.lower().translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == good
    with pytest.raises(ValidationError, match="校验码"):
        v.validate_credit_code(good[:-1] + ("0" if good[-1] != "0" else "1"))


def test_form_fields_normalise_and_name_the_field():
    field = v.PostalCodeField(label="邮政编码", required=False)
    assert field.clean("１３００１２") == "130012" and field.clean("  ") == ""
    with pytest.raises(ValidationError) as exc:
        field.clean("12")
    assert exc.value.messages == ["邮政编码：“12”不是有效的邮政编码，应为 6 位数字。"]
    with pytest.raises(ValidationError) as exc:
        v.IdNumberField(label="身份证号").clean("123")
    assert exc.value.messages == ["身份证号应为 18 位，当前为 3 位。"]  # the label is not repeated
