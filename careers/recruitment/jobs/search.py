"""公开职位搜索 (/jobs/): the filters of the public job search and the query behind them.

Only published posts (admitted unit, approved at least once, open, deadline not passed), always the
approved version (the model's own fields; an edit waiting for re-review lives in pending_changes).

Speed (bench/bench_jobs.py, 50,000 posts): the keyword matches `Job.search_text` (`search_key` of the
unit name, title, major requirement and the plain text of the description), one LIKE per word; on
PostgreSQL a pg_trgm GIN index serves it. pg_trgm takes CJK characters as word characters here (C.UTF-8
ctype), but a two-character word — most Chinese search words (会计, 销售, 武汉) — yields no trigram, so
`search_key` puts a rare letter (SEP) between adjacent CJK characters in the stored text AND in the
keyword: "会计" becomes "会ǀ计", a whole trigram the index can use. Single characters still scan. Region/industry/nature expand to code pk lists from a
per-process code index (code_index: no query on most pages) so the job query stays a plain IN filter; the page is ordered by the
(bumped_at, id) index; the result count is exact up to COUNT_CAP and shown as "1000+" beyond.
"""

import time

from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from careers.codes.models import Code
from careers.core.search import MAX_WORDS, SEP, keyword_words, search_key  # noqa: F401  (re-exported)

from .models import Job

PER_PAGE = 20
COUNT_CAP = 1000
SALARY_BANDS = {  # key: (label, lower bound inclusive, upper bound exclusive) in 元/月
    "lt5": ("5千以下", None, 5000),
    "5-8": ("5千–8千", 5000, 8000),
    "8-12": ("8千–1.2万", 8000, 12000),
    "12-20": ("1.2万–2万", 12000, 20000),
    "gt20": ("2万以上", 20000, None),
}


def codes(kind, **filters):
    return Code.objects.of(kind).filter(is_active=True, **filters)


CACHE_SECONDS = 300
_cache = {}


def code_index(kind):
    """{code: (pk, name, [pk of the code and every code below it], level)} of the active codes of `kind`, kept
    in the process for CACHE_SECONDS: the search form's dropdowns and filters cost no query on most pages.
    Regions expand by the province's two-digit prefix, other tables by parent."""
    key = (connection.settings_dict["NAME"], kind)
    hit = _cache.get(key)
    if hit and hit[0] > time.monotonic():
        return hit[1]
    rows = list(codes(kind).order_by("sort", "code").values_list("pk", "code", "name", "parent_id", "level"))
    children = {}
    for pk, _, _, parent, _ in rows:
        children.setdefault(parent, []).append(pk)
    index = {}
    for pk, code, name, _, level in rows:
        if kind == "region":
            below = [p for p, c, _, _, _ in rows if c[:2] == code[:2]] if level == 1 else [pk]
        else:
            below = [pk, *children.get(pk, [])]
        index[code] = (pk, name, below, level)
    _cache[key] = (time.monotonic() + CACHE_SECONDS, index)
    return index


def code_choices(kind, empty, level=None):
    def choices():
        return [("", empty), *((code, name) for code, (_, name, _, lvl) in code_index(kind).items()
                               if level is None or lvl == level)]
    return choices


class JobSearchForm(forms.Form):
    q = forms.CharField(label="关键字", required=False, max_length=50,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "职位、单位或描述中的关键字"}))
    region = forms.ChoiceField(label="工作地区", required=False, choices=code_choices("region", "全部地区", 1))
    industry = forms.ChoiceField(label="行业", required=False, choices=code_choices("industry", "全部行业", 1))
    nature = forms.ChoiceField(label="单位性质", required=False, choices=code_choices("employer_nature", "全部性质"))
    job_type = forms.ChoiceField(label="工作类型", required=False, choices=[("", "全部类型"), *Job.JobType.choices])
    education = forms.ChoiceField(label="学历", required=False, choices=code_choices("education_level", "全部学历"))
    discipline = forms.ChoiceField(label="专业类别", required=False,
                                   choices=code_choices("discipline", "全部专业", 1))
    salary = forms.ChoiceField(label="月薪", required=False,
                               choices=[("", "不限月薪"), *((k, v[0]) for k, v in SALARY_BANDS.items())])

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = f"所选{field.label}不存在，已忽略该条件。"
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(
                field.widget, forms.Select) else "form-control")

    @property
    def active(self):
        """Is any filter other than the keyword set (the filter panel then opens)?"""
        return self.is_bound and self.is_valid() and any(v for k, v in self.cleaned_data.items() if k != "q")


def _pk(kind, code):
    return code_index(kind)[code][0]


def _below(kind, code):
    return code_index(kind)[code][2]


def site_jobs(today=None):
    """Job.objects.published() written for the list: the admitted units as one small hashed subquery
    instead of joining every post to its unit and account (which made counting 1,000 rows cost 25 ms), and
    bumped_at set (every approval sets it) so the (bumped_at DESC) index scan skips the NULLs of unapproved posts."""
    from django.utils import timezone

    from ..employers.models import Employer

    return Job.objects.filter(employer_id__in=Employer.objects.admitted().values("pk"),
                              first_approved_at__isnull=False, bumped_at__isnull=False, closed_at__isnull=True,
                              deadline__gte=today or timezone.localdate())


def search_jobs(data, *, queryset=None):
    """(form, queryset) for the GET parameters: invalid parameters are dropped (each named in form.errors)."""
    form = JobSearchForm(data)
    form.is_valid()
    values = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors}
    jobs = queryset if queryset is not None else site_jobs()
    for word in keyword_words(values.get("q")):
        jobs = jobs.filter(search_text__contains=word)
    if values.get("region"):
        jobs = jobs.filter(region_id__in=_below("region", values["region"]))
    if values.get("industry"):
        jobs = jobs.filter(employer__industry_id__in=_below("industry", values["industry"]))
    if values.get("nature"):
        jobs = jobs.filter(employer__nature_id__in=_below("employer_nature", values["nature"]))
    if values.get("job_type"):
        jobs = jobs.filter(job_type=values["job_type"])
    if values.get("education"):  # a post without a requirement (不限) suits every level
        jobs = jobs.filter(Q(education_id=_pk("education_level", values["education"])) | Q(education__isnull=True))
    if values.get("discipline"):
        through = Job.disciplines.through.objects
        jobs = jobs.filter(Exists(through.filter(job_id=OuterRef("pk"), code_id=_pk("discipline", values["discipline"])))
                           | ~Exists(through.filter(job_id=OuterRef("pk"))))
    if values.get("salary"):
        jobs = jobs.filter(salary_overlaps(values["salary"]))
    return form, jobs


def salary_overlaps(band):
    """Posts whose salary range overlaps the band (touching ends do not count; 面议 posts never match)."""
    _, low, high = SALARY_BANDS[band]
    condition = Q(salary_min__isnull=False) | Q(salary_max__isnull=False)
    if high is not None:
        condition &= Q(salary_min__lt=high) | Q(salary_min__isnull=True)
    if low is not None:
        condition &= Q(salary_max__gt=low) | Q(salary_max__isnull=True)
    return condition


def capped_count(queryset, cap=COUNT_CAP):
    """(count, more): the exact count up to `cap`, without counting every row of a broad search."""
    n = queryset.order_by()[:cap + 1].count()
    return min(n, cap), n > cap


def page_of(queryset, page_number, per_page=PER_PAGE):
    """One page of the site list: (rows, page info). Rows carry employer, region and education."""
    count, more = capped_count(queryset)
    pages = max(1, -(-count // per_page))
    try:
        number = max(1, min(int(page_number or 1), pages))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset.select_related("employer", "region__parent", "education")
                .defer("description", "search_text", "pending_changes", "employer__introduction",
                       "employer__pending_changes")
                .order_by("-bumped_at", "-pk")[start:start + per_page])
    return rows, {"count": count, "more": more, "number": number, "pages": pages,
                  "has_previous": number > 1, "has_next": number < pages,
                  "previous": number - 1, "next": number + 1}
