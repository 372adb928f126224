"""Capped counting for back-office lists.

Counting every matching row is what a large list page spends most of its database time on (a
38,000-student cohort counted through the student join on every page view). Lists count at most
`COUNT_CAP` + 1 rows instead — "共 10,000+ 条" — and count exactly on demand (`?exact_count=1`, the
link next to the capped figure), or when a page beyond the cap is asked for.

`CappedPaginator` is what `ObjectListView` gives django-tables2, so every declared list gets it.
"""

import math

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 10_000
EXACT_PARAM = "exact_count"


def queryset_of(object_list):
    """The QuerySet behind a paginated list (django-tables2 passes BoundRows → TableQuerysetData → QuerySet)."""
    for _ in range(3):
        if isinstance(object_list, QuerySet):
            return object_list
        object_list = getattr(object_list, "data", None)
    return None


def wants_exact(request):
    return request.GET.get(EXACT_PARAM) == "1"


class CappedPage(Page):
    def has_next(self):
        # A capped count means rows exist beyond the last page counted: offer the next page (asking
        # for it counts exactly).
        return super().has_next() or (self.paginator.capped and self.number == self.paginator.num_pages)

    def next_page_number(self):
        # Not validated here: rendering the 下一页 link must not trigger the exact count.
        return self.number + 1


class CappedPaginator(Paginator):
    """A Paginator whose count stops at `cap` (then `capped` is True and `count` == cap)."""

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, cap=None, exact=False,
                 count=None):
        super().__init__(object_list, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page)
        self.cap = COUNT_CAP if cap is None else cap
        self.exact = exact
        self.capped = False
        if count is not None:
            # Counted already, with the page's other figures (over at most cap + 1 rows unless exact).
            self.capped = not exact and bool(self.cap) and count > self.cap
            self.__dict__["count"] = self.cap if self.capped else count  # count is a cached_property

    @cached_property
    def count(self):
        queryset = queryset_of(self.object_list)
        if self.exact or not self.cap or queryset is None:
            return super().count
        # No ORDER BY: the subquery only has to find cap + 1 rows, in whatever order is cheapest.
        found = queryset.order_by()[:self.cap + 1].count()
        if found > self.cap:
            self.capped = True
            return self.cap
        return found

    @property
    def display_count(self):
        """"10,000+" when capped, else the exact number."""
        return f"{self.count:,}+" if self.capped else str(self.count)

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().validate_number(number)
        if self.capped and number > self.num_pages:
            self.switch_to_exact()
        return super().validate_number(number)

    def switch_to_exact(self):
        self.exact, self.capped = True, False
        for name in ("count", "num_pages"):
            self.__dict__.pop(name, None)

    @cached_property
    def num_pages(self):
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return math.ceil(hits / self.per_page)

    def _get_page(self, *args, **kwargs):
        return CappedPage(*args, **kwargs)
