"""场地 (manual 3.2.1, 4.5): rooms the school books for talks, fairs and activities.

A placeholder venue ("待定（100人）") lets an employer apply before the room is known; the school
later moves the booking to a real room. Placeholders never conflict with anything.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel


class Venue(BaseModel):
    name = models.CharField("场地名称", max_length=100, unique=True,
                            error_messages={"unique": "已有同名场地。"})
    address = models.CharField("地址", max_length=200, blank=True)
    capacity = models.PositiveIntegerField("容纳人数")
    equipment = models.CharField("设备", max_length=300, blank=True, help_text="如：投影、音响、话筒")
    is_placeholder = models.BooleanField("待定场地", default=False,
                                         help_text="供单位申请时选择，确定场地后由学校改为具体场地")
    is_active = models.BooleanField("启用", default=True)
    note = models.CharField("备注", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "场地"
        ordering = ["is_placeholder", "name"]

    def __str__(self):
        return self.name
