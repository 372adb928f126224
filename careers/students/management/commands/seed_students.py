"""Generate N realistic students (default 200,000) for the list, statistics and export benchmarks.

    python manage.py seed_students [N] [--years 2024-2028]

Fast: plain bulk inserts in batches (accounts, records, empty dispatch and employment records),
no history rows — this is demo/benchmark data, not an import. Majors are taken from 专业设置
(a realistic school of 3 campuses, 20 colleges and 160 majors is created when there are fewer
than 20). Region codes must be loaded (`manage.py load_codes`). Safe to run again: numbers
continue after the students it made before.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from stdnum.cn import ric

from careers.accounts.models import User
from careers.codes.models import Code
from careers.org.models import Campus, College, Major
from careers.students.actions import new_student_account
from careers.students.models import Student
from careers.students.signals import students_created

PREFIX = "S"  # student numbers of seeded students: S + graduation year + 7 digits
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉婷雪琳晨宇浩然子轩欣怡梓涵思远佳琪俊博文雅"
COLLEGES = ["计算机学院", "电子信息学院", "机械工程学院", "土木工程学院", "经济管理学院", "外国语学院", "文学院",
            "法学院", "数学学院", "物理学院", "化学学院", "生命科学学院", "医学院", "艺术学院", "体育学院", "马克思主义学院",
            "材料学院", "环境学院", "建筑学院", "新闻传播学院"]
MAJOR_NAMES = ["软件工程", "计算机科学与技术", "网络工程", "物联网工程", "数据科学与大数据技术", "人工智能", "信息安全",
               "电子信息工程"]


def weighted(rng, options):
    values, weights = zip(*options)
    return rng.choices(values, weights)[0]


class Command(BaseCommand):
    help = "生成大量模拟学生数据（默认 20 万条），用于列表、统计和导出的性能测试。"

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=200_000)
        parser.add_argument("--years", default="2024-2028", help="毕业年份范围，如 2024-2028")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, years, batch, seed, **options):
        started = time.perf_counter()
        first, last = (int(y) for y in years.split("-"))
        rng = random.Random(seed)
        lookups = self.lookups()
        offset = Student.objects.filter(student_number__startswith=PREFIX).count()
        for start in range(0, count, batch):
            size = min(batch, count - start)
            students = [self.student(offset + start + i, rng, lookups, first, last) for i in range(size)]
            self.insert(students)
            self.stdout.write(f"已生成 {start + size}/{count} 名学生", ending="\r")
            self.stdout.flush()
        self.stdout.write(f"\n共生成 {count} 名学生，用时 {time.perf_counter() - started:.1f} 秒。")

    @staticmethod
    @transaction.atomic
    def insert(students):
        users = User.objects.bulk_create([new_student_account(s) for s in students])
        for student, user in zip(students, users):
            student.user = user
        created = Student.objects.bulk_create(students)
        if created and created[0].pk is None:
            ids = dict(Student.objects.filter(student_number__in=[s.student_number for s in students])
                       .values_list("student_number", "pk"))
            for student in created:
                student.pk = ids[student.student_number]
        # bare dispatch and employment rows (employment's receiver), as this seeder always wrote them
        students_created.send(sender=Student, students=created, batch_size=len(created) or 1, fill_origin=False)

    def lookups(self):
        regions = list(Code.objects.of("region").filter(level=3).values_list("pk", "code"))
        if not regions:
            raise CommandError("没有地区代码，请先运行 manage.py load_codes。")

        def codes(kind):
            return {c.code: c for c in Code.objects.of(kind)}

        statuses = codes("enrolment_status")
        return {
            "majors": self.majors(), "regions": regions, "ethnicity": codes("ethnicity"),
            "political": codes("political_status"), "training": codes("training_mode"),
            "statuses": [(statuses["01"], 96), *((s, 1) for k, s in statuses.items() if k in ("02", "03", "05", "06"))],
        }

    @staticmethod
    def majors():
        majors = list(Major.objects.filter(is_active=True).select_related("education_level"))
        if len(majors) >= 20:
            return majors
        level = {c.code: c for c in Code.objects.of("education_level")}
        duration = {c.code: c for c in Code.objects.of("duration")}
        discipline = Code.objects.of("discipline").first()
        campuses = [Campus.objects.get_or_create(name=name)[0] for name in ("主校区", "东校区", "南校区")]
        for index, college_name in enumerate(COLLEGES):
            college = College.objects.get_or_create(name=college_name)[0]
            for j, name in enumerate(MAJOR_NAMES):
                education = level["11"] if j == 7 else level["41"] if j == 6 else level["31"]
                Major.objects.get_or_create(
                    name=f"{name}" if index == 0 else f"{college_name[:-2]}{name}", college=college,
                    campus=campuses[index % 3], education_level=education, specialization="", department=None,
                    defaults={"major_code": "080901", "discipline": discipline,
                              "duration": duration.get("3" if education.code == "11" else "4")
                              or Code.objects.of("duration").first()})
        return list(Major.objects.filter(is_active=True).select_related("education_level"))

    @staticmethod
    def student(n, rng, lookups, first, last):
        major = lookups["majors"][n % len(lookups["majors"])]
        graduation = first + n % (last - first + 1)
        duration = 3 if major.education_level.code in ("11", "41") else 4
        enrolment = graduation - duration
        region_pk, region_code = lookups["regions"][n % len(lookups["regions"])]
        day = (n // len(lookups["regions"])) % 365
        birth = datetime.date(enrolment - 18, 1, 1) + datetime.timedelta(days=day)
        male = rng.random() < 0.52
        order = (n // (len(lookups["regions"]) * 365)) % 500 * 2 + (1 if male else 2)
        body = f"{region_code}{birth:%Y%m%d}{order:03d}"
        status = weighted(rng, lookups["statuses"])
        number = f"{PREFIX}{graduation}{n:07d}"
        return Student(
            student_number=number, name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
            gender="1" if male else "2", id_number=body + ric.calc_check_digit(body + "0"),
            candidate_number=f"{enrolment % 100:02d}{region_code}{n % 10**6:06d}", birth_date=birth,
            ethnicity=lookups["ethnicity"]["01"] if rng.random() < 0.9 else rng.choice(list(lookups["ethnicity"].values())),
            political_status=weighted(rng, [(lookups["political"]["03"], 80), (lookups["political"]["01"], 5),
                                            (lookups["political"]["13"] if "13" in lookups["political"]
                                             else lookups["political"]["03"], 15)]),
            origin_region_id=region_pk, enrolment_year=enrolment, graduation_year=graduation, major=major,
            training_mode=lookups["training"]["1"], phone=f"1{rng.choice('3578')}{n % 10**9:09d}",
            email=f"{number.lower()}@stu.example.edu.cn", home_address="", postal_code="",
            enrolment_status=status, is_active=status.code == "01",
        )
