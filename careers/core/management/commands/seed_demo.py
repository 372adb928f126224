from django.core.management.base import BaseCommand

from careers.core.demo import DEMO_PASSWORD, run_demo


class Command(BaseCommand):
    help = "Create the demo school (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--students-per-year", type=int, default=1000)

    def handle(self, *args, **options):
        ctx = run_demo(students_per_year=options["students_per_year"])
        self.stdout.write("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
        for user in ctx.accounts:
            self.stdout.write(f"  {user.get_kind_display():<8} {user.username:<20} {user.name}")
        for kind, username, name, note in ctx.logins:
            self.stdout.write(f"  {kind:<8} {username:<20} {name}{note}")
