"""就业数据统计: placement, knowledge and career-outcomes rates, snapshots, statistics items, 就业市场信息统计."""

from django.db import models  # noqa: F401
