"""Demo 场地: real rooms plus the placeholders 待定（100人）/待定（300人） units pick before the room is
known (manual 4.5). Idempotent by name."""

from .models import Venue

VENUES = [
    # name, address, capacity, equipment, placeholder
    ("大学生活动中心报告厅", "主校区大学生活动中心二楼", 300, "投影、音响、话筒、录播", False),
    ("图书馆学术报告厅", "主校区图书馆一楼", 200, "投影、音响、话筒", False),
    ("就业指导中心宣讲室", "主校区就业指导中心 305", 80, "投影、话筒", False),
    ("南湖校区教学楼 A101", "南湖校区教学楼 A 座", 120, "投影、音响", False),
    ("体育馆", "主校区体育馆一楼", 3000, "展位隔板、电源、广播", False),
    ("待定（100人）", "", 100, "", True),
    ("待定（300人）", "", 300, "", True),
]


def seed(rng, years):
    for name, address, capacity, equipment, placeholder in VENUES:
        Venue.objects.get_or_create(name=name, defaults={
            "address": address, "capacity": capacity, "equipment": equipment, "is_placeholder": placeholder,
            "note": "单位申请时可选，确定场地后由学校修改" if placeholder else ""})


def venue(name):
    return Venue.objects.filter(name=name).first()
