"""管辖专业's table of majors, rendered in Python: up to 500 rows of seven cells through the template
engine cost most of the page (80–90 ms of CPU); escaping each cell with html.escape costs a few ms."""

from html import escape

from django.utils.safestring import SafeString

MAX_ROWS = 500
# what a row shows: the major and the names of its education level, college, department and campus
COLUMNS = ("pk", "name", "specialization", "education_level__name", "college__name", "department__name",
           "campus__name")


def rows_html(majors, managed_ids):
    """The first MAX_ROWS of `majors` (in their order), one <tr> each: a − (移出管辖) or + (纳入管辖) submit
    button of the table's one form, then the cells. Tuples, not model instances (five per row)."""
    rows = []
    for pk, *cells in majors.values_list(*COLUMNS)[:MAX_ROWS]:
        name = escape(cells[0])
        if pk in managed_ids:
            button = f'<button class="btn btn-sm btn-success" name="remove" value="{pk}" title="移出管辖" ' \
                     f'aria-label="移出管辖：{name}">−</button>'
        else:
            button = f'<button class="btn btn-sm btn-outline-secondary" name="add" value="{pk}" title="纳入管辖" ' \
                     f'aria-label="纳入管辖：{name}">+</button>'
        rows.append(f"<tr><td>{button}</td>" + "".join(f"<td>{escape(c or '')}</td>" for c in cells) + "</tr>")
    return SafeString("".join(rows))
