import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import Carousel


class CarouselTable(BaseTable):
    name = tables.Column(linkify=("website:carousel_detail", {"pk": tables.A("pk")}))
    code = tables.Column()
    is_active = tables.BooleanColumn(yesno="启用,停用")
    slide_count = tables.Column(verbose_name="图片数", accessor="slide_count", orderable=False, default=0)

    class Meta(BaseTable.Meta):
        model = Carousel
        fields = ("pk", "name", "code", "is_active", "slide_count")
