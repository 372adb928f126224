from django.core.management.base import BaseCommand

from careers.codes.loader import load_published_tables, load_regions


class Command(BaseCommand):
    help = "Load or update the published code tables (学历, 民族, 毕业去向, 行政区划, 专业目录...) and the 主管单位库."

    def add_arguments(self, parser):
        parser.add_argument("--skip-regions", action="store_true", help="do not load region codes")

    def handle(self, *args, **options):
        load_published_tables(stdout=self.stdout)
        if not options["skip_regions"]:
            load_regions(stdout=self.stdout)
        # 主管单位库 is seeded from the region codes (one 人社厅/局 per province and prefecture); idempotent.
        from careers.employment.dispatch.authorities import load_authorities

        load_authorities(stdout=self.stdout)
