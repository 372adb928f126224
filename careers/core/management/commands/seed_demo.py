from django.core.management.base import BaseCommand

from careers.core.demo import DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = "Create the demo school (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--students-per-year", type=int, default=1000)

    def handle(self, *args, **options):
        accounts = build_demo(students_per_year=options["students_per_year"])
        self.stdout.write("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
        for user in accounts:
            self.stdout.write(f"  {user.get_kind_display():<8} {user.username:<20} {user.name}")
        from careers.students.demo import demo_student
        from careers.students.models import Student

        student = demo_student((2026, 2027))
        if student:
            self.stdout.write(f"  学生       {student.student_number:<20} {student.name}（密码同上）")
        example = Student.objects.filter(user__initial_credential=True).order_by("student_number").first()
        if example:
            self.stdout.write(f"  学生       {example.student_number:<20} {example.name}"
                              f"（初始密码为身份证号后 6 位：{example.initial_password}，首次登录须修改）")
