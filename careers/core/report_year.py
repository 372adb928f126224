"""A report's own year: `?year=` on that report's URL, never the session.

The global 当前操作年份 (session, core.middleware) changes only through the navbar's selector
(core:set_operating_year); a report that offers a year picks it for itself, so looking at last
year's figures does not silently move every list and form to last year.
"""


def year_choices(operating_year):
    """The years a report offers: two ahead of the operating year, seven behind."""
    return list(range(operating_year + 2, operating_year - 8, -1))


def report_year(request):
    """The report's `?year=` when it is one of year_choices, else the operating year."""
    value = request.GET.get("year", "")
    if value.isdecimal() and int(value) in year_choices(request.operating_year):
        return int(value)
    return request.operating_year
