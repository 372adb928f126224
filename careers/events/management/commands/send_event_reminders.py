from careers.core.management.dated import DatedCommand


class Command(DatedCommand):
    help = "活动提醒：给明天的宣讲会、招聘会的报名学生发送提醒（可重复运行，不会重复发送）。"
    today_help = "按这一天计算“明天”（YYYY-MM-DD，默认今天）"

    def run(self, today):
        from careers.events.stats.actions import send_event_reminders

        return send_event_reminders(today)
