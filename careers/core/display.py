"""A model field's value as a detail page shows it: choices by label, booleans as 是/否, files as a link.

Files are never asked for `.url`: an empty FieldFile raises ValueError there, and private storage has no
public address at all. A file links to the app's own permission-checked download view instead, found by
the URL naming convention `<app>:<model>_<field>` (e.g. resumes:resume_attachment) or, for a model with
one file view, `<app>:<model>_file`; without such a view only the file's name is shown.
"""

import datetime
import posixpath

from django.db.models.fields.files import FieldFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html

NO_FILE = "无"


def file_url(obj, field_name):
    """The download view of `obj`'s file field `field_name`, or None when the app has none."""
    meta = obj._meta
    for action in (field_name, "file"):
        try:
            return reverse(f"{meta.app_label}:{meta.model_name}_{action}", kwargs={"pk": obj.pk})
        except NoReverseMatch:
            continue
    return None


def file_display(obj, field_name, value):
    """“无” for an empty file, else its name linked to the authorised download view (if there is one)."""
    if not value:
        return NO_FILE
    name = posixpath.basename(value.name)
    url = file_url(obj, field_name)
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, name) if url else name


def display_value(obj, field):
    """The value of concrete `field` on `obj` for display ("" for None)."""
    if getattr(field, "choices", None):
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.name)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):  # as the lists show times, in local time
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, FieldFile):
        return file_display(obj, field.name, value)
    return "" if value is None else value
