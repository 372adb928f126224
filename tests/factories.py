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


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


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
        """Like create_students: every student has its (empty) dispatch and employment records."""
        if create:
            from careers.employment.models import DispatchRecord, EmploymentRecord

            DispatchRecord.objects.get_or_create(student=obj)
            EmploymentRecord.objects.get_or_create(student=obj)


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
