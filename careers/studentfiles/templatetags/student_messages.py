"""Bulk actions under student-linked lists.

{% message_button %} is the 发送消息 action on any list whose rows carry students: it
submits the checked rows (`form="bulk-form"`) to students:student_message with the
list's model as `source`. {% filter bulk_bar %}…{% endfilter %} wraps action buttons in
the sticky bar under the list (see studentfiles/student_linked_list.html).
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("students/includes/message_button.html", takes_context=True)
def message_button(context, source=None, bare=False):
    """The 发送消息 button; alone it comes in the sticky bar, `bare=True` inside a bulk_bar filter."""
    request = context["request"]
    model = context.get("model")
    source = source or (model._meta.label_lower if model is not None else "students.student")
    allowed = request.user.has_permission("students.student.message")
    url = reverse("students:student_message") + "?" + urlencode({"source": source})
    return {"allowed": allowed, "url": url, "bare": bare}


@register.filter
def can(user, code):
    """{% if request.user|can:"resumes.resume.recommend" %}: show an action button only when allowed."""
    return bool(getattr(user, "has_permission", None) and user.has_permission(code))


@register.filter(is_safe=True)
def bulk_bar(buttons):
    """Wrap rendered action buttons in the sticky bar under a list; nothing when there are none."""
    buttons = str(buttons)
    if not buttons.strip():
        return ""
    return render_to_string("students/includes/bulk_bar.html", {"bar": mark_safe(buttons)})  # noqa: S308
