"""A management command that runs a daily job "as of" a day: `--today YYYY-MM-DD` (default: today), as the beat
tasks call the same functions with no day."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class DatedCommand(BaseCommand):
    today_help = "按这一天运行（YYYY-MM-DD，默认今天）"

    def add_arguments(self, parser):
        parser.add_argument("--today", help=self.today_help)

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today 应为 YYYY-MM-DD 格式的日期。") from exc
        self.stdout.write(str(self.run(today)))

    def run(self, today):
        """The job's result for `today` (None: today), written out as text."""
        raise NotImplementedError
