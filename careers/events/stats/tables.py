"""Live figure columns for the fair and talk admin lists (manual 4.6: 在招聘会列表中，可即时查看招聘会数据统计).

Mix them in front of the list table; they annotate the list's queryset themselves (one query, correlated
subqueries, scoped to the viewing user for student-based counts):

    class FairTable(FairStatsColumns, BaseTable):
        class Meta(BaseTable.Meta):
            model = Fair
            fields = (..., *FairStatsColumns.STAT_COLUMNS)
            default_columns = (..., *FairStatsColumns.STAT_COLUMNS)

Counts link to the page that lists them when that page exists (参会单位, 职位, 报名名单, 签到, 统计).
"""

from functools import lru_cache

import django_tables2 as tables
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from .figures import annotate_fair_stats, annotate_talk_stats, rate_text


@lru_cache(maxsize=None)
def _url_pattern(name, query):
    """A URL template for the page ("…/0/…" or "…?fair=0"), or None while that page does not exist. Cached:
    a failed reverse per cell would cost more than the whole list query."""
    try:
        if query:
            return f"{reverse(name)}?{query}={{}}"
        return reverse(name, args=[987654321]).replace("987654321", "{}")
    except NoReverseMatch:
        return None


def _url(name, pk, query=None):
    pattern = _url_pattern(name, query)
    return pattern.format(pk) if pattern else None


def _linked(value, url):
    return format_html('<a href="{}">{}</a>', url, value) if url else value


class CountColumn(tables.Column):
    """A stat_* count, right-aligned, linking to `link(record)` when there is one."""

    def __init__(self, verbose_name, accessor, link=None, **kwargs):
        attrs = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
        super().__init__(verbose_name=verbose_name, accessor=accessor, order_by=(accessor,), attrs=attrs,
                         default=0, **kwargs)
        self.link_of = link

    def render(self, value, record):
        return _linked(value, self.link_of(record) if self.link_of else None)

    def value(self, value, record):
        return value  # exports and get_cell_value get the number, not the link


class _Annotating(tables.Table):
    annotate = None

    def __init__(self, data=None, *args, user=None, **kwargs):
        if isinstance(data, QuerySet):
            data = type(self).annotate(data, user)
        super().__init__(data, *args, user=user, **kwargs)


class FairStatsColumns(_Annotating):
    STAT_COLUMNS = ("stat_units_applied", "stat_units_confirmed", "stat_units_checked_in", "stat_jobs",
                    "stat_openings", "stat_registrations", "stat_checkins", "stat_deliveries", "stat_paid")
    annotate = staticmethod(annotate_fair_stats)

    stat_units_applied = CountColumn("参会单位", "stat_units_applied",
                                     link=lambda r: _url("events:participant_list", r.pk, "fair"))
    stat_units_confirmed = CountColumn("已确认", "stat_units_confirmed",
                                       link=lambda r: _url("events:participant_list", r.pk, "fair")
                                       and f'{_url("events:participant_list", r.pk, "fair")}&status=confirmed')
    stat_units_checked_in = CountColumn("单位签到", "stat_units_checked_in")
    stat_jobs = CountColumn("职位数", "stat_jobs", link=lambda r: _url("events:fair_job_list", r.pk, "fair"))
    stat_openings = CountColumn("招聘人数", "stat_openings")
    stat_registrations = CountColumn("报名人数", "stat_registrations",
                                     link=lambda r: _url("events:fair_registration_list", r.pk, "fair"))
    stat_checkins = CountColumn("签到人数", "stat_checkins", link=lambda r: _url("events:checkin_list", r.pk, "fair"))
    stat_deliveries = CountColumn("简历投递", "stat_deliveries", link=lambda r: _url("events:fair_stats", r.pk))
    stat_paid = tables.Column("已缴费用（元）", accessor="stat_paid", order_by=("stat_paid",),
                              attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}}, default=0)


class TalkStatsColumns(_Annotating):
    STAT_COLUMNS = ("stat_registrations", "stat_checkins", "stat_checkin_rate")
    annotate = staticmethod(annotate_talk_stats)

    stat_registrations = CountColumn("报名人数", "stat_registrations",
                                     link=lambda r: _url("events:talk_registration_list", r.pk, "talk"))
    stat_checkins = CountColumn("签到人数", "stat_checkins", link=lambda r: _url("events:checkin_list", r.pk, "talk"))
    stat_checkin_rate = tables.Column("签到率", accessor="stat_registered_checkins", orderable=False,
                                      attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}})

    def render_stat_checkin_rate(self, record):
        return _linked(rate_text(record.stat_registered_checkins, record.stat_registrations),
                       _url("events:talk_stats", record.pk))

    def value_stat_checkin_rate(self, record):
        return rate_text(record.stat_registered_checkins, record.stat_registrations)
