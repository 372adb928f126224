"""就业跟踪台账: per-student follow-up entries, 动态统计表, 导出学生详细数据."""

from django.db import models  # noqa: F401
