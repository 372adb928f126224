import datetime

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "每日宣讲会提醒：把当天的宣讲会发给开启了该提醒的学生（可重复运行，同一天不会重复发送）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="发送这一天的宣讲会（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        from careers.wechat.reminders.digest import send_daily_talks

        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today 应为 YYYY-MM-DD 格式的日期。") from exc
        self.stdout.write(str(send_daily_talks(today)))
