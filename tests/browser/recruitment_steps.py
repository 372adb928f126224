"""Steps the recruitment browser tests share: filling the unit registration form, a student who can log in."""

from tests.factories import TEST_PASSWORD
from tests.studentfiles.helpers import png_bytes, student_account


def pick_region(page, field_id, text, path):
    """Type a place name in the region type-ahead (codes.fields) and click the hit showing `path` (省 市 县)."""
    page.locator(f"#{field_id}").fill("")  # a chosen region shows its path: search afresh
    page.locator(f"#{field_id}").press_sequentially(text, delay=30)
    hit = page.locator(f"#{field_id}-typeahead [role=option]", has_text=path).first
    hit.wait_for()
    hit.dispatch_event("mousedown")


def fill_registration(page, *, name, credit_code, password):
    page.fill("#id_name", name)
    page.fill("#id_credit_code", credit_code)
    page.select_option("#id_nature", label="39 其他企业")
    page.select_option("#id_industry", index=3)
    pick_region(page, "id_region", "洪山", "湖北省 武汉市 洪山区")
    page.select_option("#id_size", "150-500")
    page.fill("#id_address", "武汉市洪山区珞喻路1号")
    page.fill("#id_contact_person", "陈经理")
    page.fill("#id_phone", "13800001234")
    page.fill("#id_email", "hr@example.com")
    page.set_input_files("#id_licence", files=[{"name": "licence.png", "mimeType": "image/png",
                                                 "buffer": png_bytes()}])
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)


def student_who_can_log_in():
    """A demo student with the test password (an account is created when the student has none)."""
    from careers.students.models import Student

    student = Student.objects.select_related("major", "user").order_by("pk").first()
    if student.user_id is None:
        student_account(student)
    else:
        student.user.set_password(TEST_PASSWORD)
        student.user.must_change_password = False
        student.user.save()
    return student
