"""The demo roster: `students_per_year` generated students per graduation year over the demo majors
(a demo step, see core/demo.py); the named variants are in students/demo.py."""

from datetime import date, timedelta

from stdnum.cn import ric

from careers.codes.models import Code

from ..actions import create_students
from ..models import Student

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "子涵欣怡梓轩浩然一诺雨桐宇轩思远佳怡俊杰晨曦嘉豪婉婷志强海洋晓东丽娟明辉文博雅琪天佑诗涵若曦梦瑶家乐振华建国鹏飞"


def given_name(rng):
    return "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def demo_id_number(rng, county_codes, birth_year, female):
    birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
    seq = rng.randrange(0, 50) * 2 + (0 if female else 1)
    body = f"{rng.choice(county_codes)}{birth:%Y%m%d}{rng.randrange(10)}{seq:02d}"[:17]
    return body + ric.calc_check_digit(body + "?")  # stdnum takes the full number with a placeholder


def build_roster(ctx):
    rng, majors = ctx.rng, ctx.shared["majors"]
    regions = {c.code: c for c in Code.objects.of("region").filter(level=3)}
    counties = list(regions)
    ethnicities = {c.code: c for c in Code.objects.of("ethnicity")}
    political = {c.code: c for c in Code.objects.of("political_status")}
    training = {c.code: c for c in Code.objects.of("training_mode")}
    counties = counties or ["110105"]
    existing = set(Student.objects.values_list("student_number", flat=True))
    batch = []
    for year in ctx.years:
        for index in range(ctx.students_per_year):
            major = majors[index % len(majors)]
            enrolment = year - int(float(major.duration.code) + 0.5)
            number = f"{enrolment}{index + 1:06d}"
            if number in existing:
                continue
            female = rng.random() < 0.5
            id_number = demo_id_number(rng, counties, year - 22, female)
            batch.append(Student(
                student_number=number, name=rng.choice(SURNAMES) + given_name(rng),
                gender=Student.Gender.FEMALE if female else Student.Gender.MALE,
                id_number=id_number, graduation_year=year,
                enrolment_year=enrolment, major=major,
                phone=f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}",
                ethnicity=ethnicities["01"] if rng.random() < 0.9 else rng.choice(list(ethnicities.values())),
                political_status=political[rng.choice(["03", "03", "03", "01", "02", "13"])],
                origin_region=regions.get(id_number[:6]), training_mode=training["1"]))
    create_students(batch)
