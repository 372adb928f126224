from careers.core.management.dated import DatedCommand


class Command(DatedCommand):
    help = "每日宣讲会提醒：把当天的宣讲会发给开启了该提醒的学生（可重复运行，同一天不会重复发送）。"
    today_help = "发送这一天的宣讲会（YYYY-MM-DD，默认今天）"

    def run(self, today):
        from careers.wechat.reminders.digest import send_daily_talks

        return send_daily_talks(today)
