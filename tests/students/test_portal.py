"""学生中心 (/me/): record summary, review state, 完善信息, 生源地 picker, photo upload."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from careers.accounts.models import User
from careers.codes.models import Code
from careers.students.models import Student
from tests.factories import UserFactory, code
from tests.students.accounts_support import accounts, me, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def region(value):
    return Code.objects.of("region").get(code=value)




def form_data(**values):
    data = {"ethnicity": "", "political_status": "", "origin_region": "",
            "training_mode": "", "sponsor_unit": "", "phone": "", "email": "", "home_address": "",
            "postal_code": ""}
    data.update(values)
    return data


def image_file(fmt="JPEG", size=(64, 80), mode="RGB", exif=True, name="photo.jpg"):
    image = Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30))
    out = io.BytesIO()
    kwargs = {}
    if exif and fmt == "JPEG":
        info = Image.Exif()
        info[0x010F] = "SecretCam"  # Make
        info[0x0112] = 6  # Orientation: the camera was turned; shown rotated 90°
        kwargs["exif"] = info.tobytes()
    image.save(out, fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def test_home_shows_the_record_state_and_profile_the_record(client, me):
    Student.objects.filter(pk=me.pk).update(origin_region=region("440305"), phone="13800001111")
    home = client.get(reverse("portal:home")).content.decode()
    assert me.name in home and "甲学院" in home and "生源信息已审核" in home and "完善信息" in home
    body = client.get(reverse("portal:profile")).content.decode()
    assert me.name in body and me.student_number in body and "甲学院" in body and "甲专业一" in body
    assert "广东省 深圳市 南山区" in body and "13800001111" in body
    assert me.id_number not in body and me.id_number[-4:] in body  # masked ID number
    assert "生源信息已审核" in body and "完善信息" in body


def test_only_students_with_a_record_may_enter(client, college_admin, accounts):
    client.force_login(college_admin)
    assert client.get(reverse("portal:home")).status_code == 403
    lone = UserFactory(username="lonely", kind=User.Kind.STUDENT)
    client.force_login(lone)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 403 and "联系学院管理员" in response.content.decode()
    client.logout()
    assert client.get(reverse("portal:home")).status_code == 302


def test_key_field_change_waits_for_review_others_apply_at_once(client, me):
    han = code("ethnicity", "01")
    response = client.post(reverse("portal:edit"), form_data(ethnicity=han.pk, phone="138 0000 2222",
                                                             email="me@example.com"))
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.phone == "13800002222" and me.email == "me@example.com"
    assert me.ethnicity is None and me.pending_changes == {"ethnicity": han.pk}
    assert me.review_status == Student.ReviewStatus.PENDING
    body = client.get(reverse("portal:home")).content.decode()
    assert "待审核" in body and f"民族：{han.name}" in body
    assert "已提交学校审核" in body
    # the edit form shows what was submitted, marked as waiting
    edit = client.get(reverse("portal:edit")).content.decode()
    assert "已提交，待审核" in edit and f'value="{han.pk}" selected' in edit


def test_reverting_a_pending_change_withdraws_it(client, me):
    han = code("ethnicity", "01")
    client.post(reverse("portal:edit"), form_data(ethnicity=han.pk))
    client.post(reverse("portal:edit"), form_data(ethnicity=""))
    me.refresh_from_db()
    assert me.pending_changes == {} and me.review_status == Student.ReviewStatus.APPROVED


def test_rejected_record_shows_the_reason(client, me):
    Student.objects.filter(pk=me.pk).update(review_status=Student.ReviewStatus.REJECTED,
                                            review_note="生源地与档案不符，请核对")
    body = client.get(reverse("portal:home")).content.decode()
    assert "未通过审核" in body and "生源地与档案不符，请核对" in body
    assert "生源地与档案不符" in client.get(reverse("portal:edit")).content.decode()


def test_the_region_must_reach_the_county(client, me):
    """生源地 is the one region type-ahead (codes.fields): a province or a city with districts is not enough."""
    shenzhen, nanshan = region("440300"), region("440305")
    body = client.post(reverse("portal:edit"), form_data(origin_region=shenzhen.pk)).content.decode()
    assert "生源地请选到区/县" in body and "广东省 深圳市" in body  # the choice is kept, to refine
    response = client.post(reverse("portal:edit"), form_data(origin_region=nanshan.pk))
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.pending_changes == {"origin_region": nanshan.pk}
    assert "广东省 深圳市 南山区" in client.get(reverse("portal:profile")).content.decode()


def test_city_without_counties_is_a_complete_region(client, me):
    dongguan = region("441900")
    response = client.post(reverse("portal:edit"), form_data(origin_region=dongguan.pk))
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.pending_changes == {"origin_region": dongguan.pk}


def test_a_value_that_is_no_region_is_refused(client, me):
    response = client.post(reverse("portal:edit"), form_data(origin_region=Code.objects.of("ethnicity").first().pk))
    assert response.status_code == 200
    me.refresh_from_db()
    assert me.pending_changes == {}


def test_edit_form_prefills_the_current_region(client, me):
    Student.objects.filter(pk=me.pk).update(origin_region=region("440305"))
    body = client.get(reverse("portal:edit")).content.decode()
    assert f'<option value="{region("440305").pk}" selected>广东省 深圳市 南山区</option>' in body
    assert 'value="广东省 深圳市 南山区"' in body and 'role="combobox"' in body


@pytest.mark.parametrize("field, value, message", [
    ("phone", "12345", "不是有效的手机号码"),
    ("postal_code", "51A000", "不是有效的邮政编码"),
    ("email", "me@", "不是有效的电子邮箱"),
    ("email", "me@@example.com", "不是有效的电子邮箱"),
])
def test_bad_contact_details_are_named(client, me, field, value, message):
    response = client.post(reverse("portal:edit"), form_data(**{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    me.refresh_from_db()
    assert getattr(me, field) == ""


def test_photo_is_re_encoded_to_jpeg_without_exif(client, me):
    response = client.post(reverse("portal:photo"), {"photo": image_file()})
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.photo.name.endswith(".jpg") and me.student_number not in me.photo.name
    with me.photo.open("rb") as handle:
        stored = Image.open(handle)
        assert stored.format == "JPEG" and stored.size == (80, 64)  # orientation applied, then dropped
        assert not stored.getexif() and "exif" not in stored.info
    with me.photo.open("rb") as handle:
        assert b"SecretCam" not in handle.read()
    served = client.get(reverse("portal:photo_file"))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert "private" in served["Cache-Control"]


def test_png_with_transparency_becomes_jpeg_and_old_photo_is_removed(client, me):
    client.post(reverse("portal:photo"), {"photo": image_file()})
    me.refresh_from_db()
    first = me.photo.name
    response = client.post(reverse("portal:photo"), {"photo": image_file("PNG", mode="RGBA", name="p.png")})
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.photo.name != first and not me.photo.storage.exists(first)
    with me.photo.open("rb") as handle:
        assert Image.open(handle).format == "JPEG"


def test_photo_over_two_megabytes_is_refused(client, me):
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (2 * 1024 * 1024 + 1), content_type="image/jpeg")
    body = client.post(reverse("portal:photo"), {"photo": big}).content.decode()
    assert "超过 2 MB" in body
    me.refresh_from_db()
    assert not me.photo


def test_renamed_executable_is_refused(client, me):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 500, content_type="image/jpeg")
    body = client.post(reverse("portal:photo"), {"photo": fake}).content.decode()
    assert "不是可识别的图片" in body
    me.refresh_from_db()
    assert not me.photo


def test_unsupported_image_format_is_named(client, me):
    body = client.post(reverse("portal:photo"), {"photo": image_file("GIF", name="a.gif")}).content.decode()
    assert "不支持 GIF 格式" in body


def test_photo_file_is_404_without_a_photo(client, me):
    assert client.get(reverse("portal:photo_file")).status_code == 404


def test_profile_query_count_is_small(client, me, django_assert_max_num_queries):
    """我的 (the record); the hub's own bound is in test_hub.py."""
    Student.objects.filter(pk=me.pk).update(origin_region=region("440305"), pending_changes={"ethnicity": 1})
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:profile")).status_code == 200
