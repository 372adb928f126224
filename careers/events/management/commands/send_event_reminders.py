import datetime

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "活动提醒：给明天的宣讲会、招聘会的报名学生发送提醒（可重复运行，不会重复发送）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按这一天计算“明天”（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        from careers.events.stats.actions import send_event_reminders

        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today 应为 YYYY-MM-DD 格式的日期。") from exc
        self.stdout.write(str(send_event_reminders(today)))
