"""Query unpaid WeChat Pay transactions older than N minutes: mark paid (missing notification) or close expired."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "微信支付查单对账：未收到通知的交易按商户订单号查询，已支付的确认收款，过期未支付的关闭。"

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=10, help="只查询创建超过 N 分钟的交易（默认 10）")

    def handle(self, *args, older_than, **options):
        from careers.wechat.pay.client import PayError
        from careers.wechat.pay.provider import reconcile

        try:
            counts = reconcile(older_than_minutes=older_than)
        except PayError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已支付 {counts['paid']}，已关闭 {counts['closed']}，仍待支付 {counts['open']}，"
                          f"查询失败 {counts['error']}")
