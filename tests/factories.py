"""factory-boy factories shared by the whole suite."""

import datetime

import factory
from django.utils import timezone
from stdnum.cn import ric

from careers.accounts.models import User
from careers.codes.models import Code
from careers.org.models import Campus, College, Department, Major
from careers.students.models import Student

TEST_PASSWORD = "Test#Pass2026"


_codes = {}  # (kind, value) -> Code, for the current test only (see forget_codes)


def code(kind, value):
    """Code `value` of table `kind`, looked up once per test (a test creating 50 students asks once)."""
    key = (kind, value)
    if key not in _codes:
        _codes[key] = Code.objects.of(kind).get(code=value)
    return _codes[key]


def forget_codes():
    """Called by /conftest.py after every test and after the database was replaced: a test may load a new
    version of a table, or flush and reload them (new ids), and a rolled-back test's rows are gone."""
    _codes.clear()


class CampusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campus
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"校区{n}")


class CollegeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = College
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}学院")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    college = factory.SubFactory(CollegeFactory)
    name = factory.Sequence(lambda n: f"第{n}系")


class MajorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Major

    name = factory.Sequence(lambda n: f"测试专业{n}")
    major_code = "080901"
    duration = factory.LazyFunction(lambda: code("duration", "4"))
    discipline = factory.LazyFunction(lambda: code("discipline", "08"))
    education_level = factory.LazyFunction(lambda: code("education_level", "31"))
    campus = factory.SubFactory(CampusFactory, name="主校区")
    college = factory.SubFactory(CollegeFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"u{n:05d}")
    name = factory.Sequence(lambda n: f"用户{n}")
    kind = User.Kind.COLLEGE_ADMIN
    must_change_password = False
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolAdminFactory(UserFactory):
    kind = User.Kind.SCHOOL_ADMIN


def _id_number(n):
    body = f"110105200001{n % 28 + 1:02d}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "?")  # stdnum takes the full number with a placeholder


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student
        skip_postgeneration_save = True  # `records` changes no field of the student: no second save

    student_number = factory.Sequence(lambda n: f"2022{n:06d}")
    name = factory.Sequence(lambda n: f"学生{n}")
    gender = Student.Gender.MALE
    id_number = factory.Sequence(lambda n: _id_number(n))
    graduation_year = 2027
    enrolment_year = 2023
    major = factory.SubFactory(MajorFactory)
    enrolment_status = factory.LazyFunction(lambda: code("enrolment_status", "01"))

    @factory.post_generation
    def records(obj, create, extracted, **kwargs):
        """Like create_students: every student has its (empty) dispatch and employment records, inserted by the
        same receiver (two get_or_create with their history rows cost ~13 ms a student, most of many tests)."""
        if create:
            from careers.employment.student_records import create_records

            create_records(sender=Student, students=[obj], fill_origin=False)


def credit_code(n):
    from stdnum.cn import uscc

    body = f"91420100{n:09d}"
    return body + uscc.calc_check_digit(body)


class EmployerUserFactory(UserFactory):
    kind = User.Kind.EMPLOYER
    username = factory.Sequence(lambda n: credit_code(500000 + n))


class EmployerFactory(factory.django.DjangoModelFactory):
    """An employer (用人单位); `admitted=True` makes it 已入驻 (approved once)."""

    class Meta:
        model = "recruitment.Employer"
        skip_postgeneration_save = True

    user = factory.SubFactory(EmployerUserFactory)
    name = factory.Sequence(lambda n: f"测试科技有限公司{n}")
    credit_code = factory.LazyAttribute(lambda o: o.user.username)
    nature = factory.LazyFunction(lambda: code("employer_nature", "39"))
    industry = factory.LazyFunction(lambda: code("industry", "65"))
    region = factory.LazyFunction(lambda: code("region", "420111"))
    size = "150-500"
    address = "武汉市洪山区珞喻路1号"
    contact_person = "陈经理"
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    email = factory.Sequence(lambda n: f"hr{n}@example.com")
    review_status = "pending"

    class Params:
        admitted = factory.Trait(
            review_status="approved",
            admitted_at=factory.LazyFunction(lambda: timezone.now()),
            reviewed_at=factory.LazyFunction(lambda: timezone.now()))


class JobFactory(factory.django.DjangoModelFactory):
    """A job post; `approved=True` makes it 已审核 and published (its employer should be admitted)."""

    class Meta:
        model = "recruitment.Job"
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory, admitted=True)
    title = factory.Sequence(lambda n: f"软件开发工程师{n}")
    job_type = "fulltime"
    openings = 3
    region = factory.LazyFunction(lambda: code("region", "420111"))
    salary_min = 8000
    salary_max = 12000
    description = "<p>负责后端服务开发。</p>"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    review_status = "pending"

    class Params:
        approved = factory.Trait(
            review_status="approved",
            first_approved_at=factory.LazyFunction(lambda: timezone.now()),
            bumped_at=factory.LazyFunction(lambda: timezone.now()),
            reviewed_at=factory.LazyFunction(lambda: timezone.now()))


# -- 宣讲会与招聘会 (events) -------------------------------------------------------------------------

def _days(n, hour=14):
    """An aware datetime n days from today at `hour`:00 local time."""
    day = timezone.localdate() + datetime.timedelta(days=n)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Venue"

    name = factory.Sequence(lambda n: f"学术报告厅{n}")
    address = "主校区图书馆一楼"
    capacity = 300
    equipment = "投影、音响、话筒"


class TalkFactory(factory.django.DjangoModelFactory):
    """A campus talk in 7 days, 14:00–16:00; `approved=True` publishes it with an open registration window."""

    class Meta:
        model = "events.Talk"
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory, admitted=True)
    title = factory.Sequence(lambda n: f"校园宣讲会{n}")
    starts_at = factory.LazyFunction(lambda: _days(7, 14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)
    audience = "2027届全体毕业生"
    description = "<p>公司介绍与职位说明。</p>"
    submitted_at = factory.LazyFunction(timezone.now)
    status = "pending"

    class Params:
        approved = factory.Trait(
            status="approved",
            reviewed_at=factory.LazyFunction(timezone.now),
            registration_opens_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
            registration_closes_at=factory.LazyAttribute(lambda o: o.starts_at),
            capacity=200)


class FairFactory(factory.django.DjangoModelFactory):
    """A published fair in 14 days, 09:00–16:00, open for employer applications and student registration."""

    class Meta:
        model = "events.Fair"

    title = factory.Sequence(lambda n: f"2027届毕业生双选会{n}")
    starts_at = factory.LazyFunction(lambda: _days(14, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    place = "体育馆一楼"
    status = "published"
    employer_operations = factory.LazyFunction(lambda: ["apply", "jobs", "poster", "receipt", "pay", "invoice",
                                                        "checkin"])
    apply_deadline = factory.LazyFunction(lambda: _days(10, 18))
    booths_per_unit = 1
    attendees_per_unit = 3
    poster_method = "both"
    fee_items = factory.LazyFunction(lambda: [{"name": "展位费", "amount": "800.00", "per": "booth"}])
    payment_methods = factory.LazyFunction(lambda: ["offline"])
    payee_info = "户名：某某大学；账号：4200 0000 0000 0000；开户行：工商银行武昌支行；备注：单位名称+招聘会"
    receipt_notes = "请于招聘会当天携带本回执（加盖公章）到签到处签到。"
    registration_required = True
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at)
    checkin_method = "both"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Participation"

    fair = factory.SubFactory(FairFactory)
    employer = factory.SubFactory(EmployerFactory, admitted=True)
    booths_requested = 1
    attendees = factory.LazyFunction(lambda: [{"name": "王招聘", "phone": "13800000000", "position": "HR"}])
    contact_person = "王招聘"
    contact_phone = "13800000000"
    amount_due = 800

    class Params:
        confirmed = factory.Trait(status="confirmed", reviewed_at=factory.LazyFunction(timezone.now))


# -- admin engineer (participants: booths, fair jobs) ---------------------------------------------------

class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Booth"

    participation = factory.SubFactory(ParticipationFactory, confirmed=True)
    fair = factory.SelfAttribute("participation.fair")
    code = factory.Sequence(lambda n: f"Z{n:03d}")
    area = factory.LazyAttribute(lambda o: o.code.rstrip("0123456789-"))


class ParticipantJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.ParticipantJob"

    participation = factory.SubFactory(ParticipationFactory, confirmed=True)
    job = factory.SubFactory(JobFactory, approved=True, employer=factory.SelfAttribute("..participation.employer"))
# -- checkin (签到) -------------------------------------------------------------------------------------
class CheckinDeviceFactory(factory.django.DjangoModelFactory):
    """A scanner; its bearer token is `token` (default: "device-token-<n>"), stored only as a sha256."""

    class Meta:
        model = "events.CheckinDevice"
        exclude = ("token",)

    name = factory.Sequence(lambda n: f"扫码枪{n}")
    token = factory.Sequence(lambda n: f"device-token-{n}")
    token_prefix = factory.LazyAttribute(lambda o: o.token[:8])
    token_hash = factory.LazyAttribute(lambda o: __import__("hashlib").sha256(o.token.encode()).hexdigest())
    created_by = factory.SubFactory(SchoolAdminFactory)  # a device has its creator's scope


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.CheckIn"

    talk = factory.SubFactory(TalkFactory, approved=True)
    student = factory.SubFactory(StudentFactory)
    checked_in_at = factory.LazyFunction(timezone.now)
    method = "qr"


# -- issue 16 · 就业活动 ------------------------------------------------------------------------------------
class CareerEventCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.CareerEventCategory"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"就业讲座{n}")


class CareerEventFactory(factory.django.DjangoModelFactory):
    """A published 就业活动 in 7 days, 14:00–16:00, registration open now, no venue (待定) unless given."""

    class Meta:
        model = "events.CareerEvent"

    title = factory.Sequence(lambda n: f"就业形势讲座{n}")
    category = factory.SubFactory(CareerEventCategoryFactory)
    starts_at = factory.LazyFunction(lambda: _days(7, 14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    audience = "2027届全体毕业生"
    description = "<p>政策解读与答疑。</p>"
    state = "published"
    published_at = factory.LazyFunction(timezone.now)
