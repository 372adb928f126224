"""factory-boy factories shared by the whole suite."""

import factory
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
