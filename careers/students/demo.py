"""Demo students in every variant the screens must handle (the demo walk's fixture, tests/demowalk.py):
生源地 in a development zone (220272 吉林高新技术产业开发区, 320971 盐城经济技术开发区), in a 市辖区 of a
municipality and in a prefecture city without counties; every 学籍状态; 生源信息 changes waiting for
review and rejected; 转移数据 requests pending, approved and rejected; a photo.

They sit in the first majors of 信息工程学院 (the demo college admin 20001 and counselor 30001 see them).
Idempotent: a variant whose 学号 exists is left as it is.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction

from careers.accounts.models import User
from careers.codes.models import Code
from careers.org.models import Major

from .models import MajorTransfer, Student

# (学号 serial, 生源地 region code); the ID number is issued in that region.
ORIGINS = [(1, "220272"), (2, "320971"), (3, "220271"), (4, "110101"), (5, "500101"), (6, "442000"),
           (7, "220202"), (8, "320921")]
STATUS_SERIAL = 20  # serial + n: one student per 学籍状态 other than 在读
REVIEW_SERIALS = {"pending": 40, "rejected": 41, "pending_origin": 42}
TRANSFER_SERIALS = {"pending": 50, "approved": 51, "rejected": 52}
PHOTO_SERIAL = 60


def _number(year, serial):
    return f"{year - 4}9{serial:05d}"


def _photo():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 160), (90, 140, 200)).save(out, "JPEG")
    return ContentFile(out.getvalue(), name="photo.jpg")


def _new(rng, year, serial, major, region_code, regions):
    from .records.demo import SURNAMES, demo_id_number, given_name

    female = serial % 2 == 0
    id_number = demo_id_number(rng, [region_code], year - 22, female)
    return Student(student_number=_number(year, serial), name=rng.choice(SURNAMES) + given_name(rng),
                   gender=Student.Gender.FEMALE if female else Student.Gender.MALE, id_number=id_number,
                   graduation_year=year, enrolment_year=year - 4, major=major,
                   phone=f"139{rng.randrange(10 ** 8):08d}", origin_region=regions.get(region_code),
                   training_mode=Code.objects.of("training_mode").filter(code="1").first())


@transaction.atomic
def seed(rng, years):
    if not years or not Code.objects.of("region").exists():
        return
    demo_login(years)
    from .actions import create_students

    admin = User.objects.filter(username="10001").first()
    majors = list(Major.objects.filter(college__name="信息工程学院", education_level__code="31").order_by("pk"))
    # a transfer to another college waits for that college's admin (专业转移审核)
    target = Major.objects.filter(college__name="经济管理学院", education_level__code="31").order_by("pk").first()
    if admin is None or len(majors) < 2 or target is None:
        return
    year = max(years)
    statuses = list(Code.objects.of("enrolment_status").exclude(code="01").order_by("code"))
    wanted = [serial for serial, _ in ORIGINS] + [STATUS_SERIAL + n for n in range(len(statuses))] + \
        [*REVIEW_SERIALS.values(), *TRANSFER_SERIALS.values(), PHOTO_SERIAL]
    existing = set(Student.objects.filter(student_number__in=[_number(year, s) for s in wanted])
                   .values_list("student_number", flat=True))
    origin_of = dict(ORIGINS)
    codes = [origin_of.get(serial, ORIGINS[serial % len(ORIGINS)][1]) for serial in wanted]
    regions = {c.code: c for c in Code.objects.of("region").filter(code__in=codes)}
    fresh = [_new(rng, year, serial, majors[serial % 2], code, regions)
             for serial, code in zip(wanted, codes) if _number(year, serial) not in existing]
    fresh = [s for s in fresh if s.origin_region_id]
    by_number = {s.student_number: s for s in create_students(fresh, acting_user=admin)}

    def made(serial):
        return by_number.get(_number(year, serial))

    _statuses(made, statuses, admin)
    _reviews(made, regions, admin)
    _transfers(made, target, year, admin)
    student = made(PHOTO_SERIAL)
    if student is not None:
        student.photo.save("photo.jpg", _photo(), save=True)
    _saved_queries()


def demo_student(years):
    """The demo student login: the first student of the latest year (the résumé, gallery, application and
    registration demos give this one every variant)."""
    return (Student.objects.filter(graduation_year=max(years), user__isnull=False).select_related("user")
            .order_by("pk").first())


def demo_login(years):
    """The demo student signs in with the demo password, without the first-login password change."""
    from careers.core.demo import DEMO_PASSWORD

    student = demo_student(years)
    if student is None or not student.user.initial_credential:
        return
    user = student.user
    user.set_password(DEMO_PASSWORD)
    user.initial_credential = user.must_change_password = False
    user.save()


def _saved_queries():
    """常用查询 of the demo college admin: a plain one and one with filters that no longer match."""
    from .models import SavedQuery

    owner = User.objects.filter(username="20001").first()
    if owner is None or SavedQuery.objects.filter(user=owner).exists():
        return
    SavedQuery.objects.create(user=owner, name="本院待审核学生", query="review_status=pending")
    SavedQuery.objects.create(user=owner, name="旧条件（专业已调整）", query="major=999999&q=%E5%BC%A0&page=9")


def _statuses(made, statuses, admin):
    from .records.review import change_status

    for n, status in enumerate(statuses):
        student = made(STATUS_SERIAL + n)
        if student is not None:
            change_status(student, status=status, reason=f"演示：{status.name}", acting_user=admin)


def _reviews(made, regions, admin):
    from .actions import submit_self_service_changes
    from .records.review import reject_changes

    other = regions.get("220272")
    for key, serial in REVIEW_SERIALS.items():
        student = made(serial)
        if student is None:
            continue
        changes = {"phone": "13912340000", "political_status": Code.objects.of("political_status").get(code="01")}
        if key == "pending_origin" and other is not None:
            changes["origin_region"] = other  # a 生源地 change to a development zone, waiting for review
        submit_self_service_changes(student, changes, acting_user=student.user)
        if key == "rejected":
            reject_changes(student, reason="政治面貌与档案不符，请核对后重新提交。", acting_user=admin)


def _transfers(made, target, year, admin):
    from .records.review import decide_transfer

    for key, serial in TRANSFER_SERIALS.items():
        student = made(serial)
        if student is None:
            continue
        transfer = MajorTransfer.objects.create(
            student=student, from_major_id=student.major_id, to_major=target, from_year=year, to_year=year + 1,
            reason="演示：申请转入其他专业", requested_by=admin)
        if key != "pending":
            decide_transfer(transfer, approve=key == "approved", note="演示审核意见", acting_user=admin)


def demo_logins(ctx):
    """The student logins `seed_demo` prints: the demo student, and one still on its initial password."""
    student = demo_student(ctx.years)
    if student:
        ctx.logins.append(("学生", student.student_number, student.name, "（密码同上）"))
    example = Student.objects.filter(user__initial_credential=True).order_by("student_number").first()
    if example:
        ctx.logins.append(("学生", example.student_number, example.name,
                           f"（初始密码为身份证号后 6 位：{example.initial_password}，首次登录须修改）"))
