"""The form round trip (tests/core/demo_walk/): a page's edit form posted back as a browser would, unchanged
and then with its fields changed to other valid values."""

import re

from django import forms
from django.forms.formsets import BaseFormSet

from tests.browserform import post_forms

CJK = re.compile(r"[\u4e00-\u9fff]")
# Pages whose form does something other than create or edit (the walk still GETs them).
NOT_EDITING = re.compile(r"(delete|logout|impersonate|withdraw|cancel|close|refund|reject|toggle|retry|resend)")


def context_forms(response):
    """The forms and formsets the view handed to its template."""
    found = []
    contexts = response.context
    if contexts is None:
        return found
    if hasattr(contexts, "flatten"):  # one template rendered: a Context, not a ContextList
        contexts = [contexts]
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, (forms.BaseForm, BaseFormSet)) and all(value is not f for f in found):
                found.append(value)
    return found


def field_names(form):
    if isinstance(form, BaseFormSet):
        return {bf.html_name for f in form.forms for bf in f} | {bf.html_name for bf in form.management_form}
    return {bf.html_name for bf in form}


def editing_form(response, route_name):
    """(page form, its context forms) of the page's create/edit form, or None when the page has none."""
    if response.status_code != 200 or NOT_EDITING.search(route_name.split(":")[-1]):
        return None
    shown = [f for f in context_forms(response) if any(not bf.is_hidden for bf in _bound_fields(f))]
    if not shown:
        return None
    names = set().union(*(field_names(f) for f in shown))
    candidates = [(len(page.names & names), page) for page in post_forms(response.content.decode())]
    candidates = [(score, page) for score, page in candidates if score]
    if not candidates:
        return None
    page = max(candidates, key=lambda c: c[0])[1]
    return page, [f for f in shown if field_names(f) & page.names]


def _bound_fields(form):
    if isinstance(form, BaseFormSet):
        return [bf for f in form.forms for bf in f]
    return list(form)


def post(client, url, page, overrides=None):
    data = page.submit_data(overrides)
    return client.post(page.action or url, data)


def error_texts(response):
    """Every validation message of the response's forms: (field name, text)."""
    texts = []
    for form in context_forms(response):
        subforms = form.forms if isinstance(form, BaseFormSet) else [form]
        for sub in subforms:
            for name, errors in sub.errors.items():
                texts += [(name, str(e)) for e in errors]
        if isinstance(form, BaseFormSet):
            texts += [("__all__", str(e)) for e in form.non_form_errors()]
    return texts


def check_round_trip(client, url, response, route_name):
    """POST the page's edit form back unchanged: never 5xx; saved (a redirect) or refused with Chinese
    messages. Returns (whether it posted, a problem description or None)."""
    found = editing_form(response, route_name)
    if found is None:
        return False, None
    page, _ = found
    answer = post(client, url, page)
    if answer.status_code >= 500:
        return True, f"POST back unchanged {url} -> {answer.status_code}"
    if answer.status_code in (200, 400):
        not_chinese = [(name, text) for name, text in error_texts(answer) if not CJK.search(text)]
        if not_chinese:
            return True, f"POST back unchanged {url}: messages not in Chinese: {not_chinese}"
    return True, None


# -- changed values --------------------------------------------------------------------------------------

SKIP_TYPES = {"hidden", "submit", "button", "image", "reset", "file", "password"}


def _changed(control, current):
    """Another valid-looking value for one control, or None when there is none."""
    if control.tag == "select":
        values = [v for v, _ in control.options if v not in ("", None)]
        if control.multiple:
            spare = [v for v in values if v not in current]
            return current + spare[:1] if spare else current[:-1] or None
        others = [v for v in values if v not in current]
        return others[:1] or None
    if control.type == "checkbox":
        return [] if current else [control.value or "on"]
    value = current[0] if current else ""
    if control.type == "number":
        try:
            return [str(int(float(value)) + 1)] if value else ["1"]
        except ValueError:
            return None
    if control.type == "email":
        return ["demo.changed@example.com"]
    if control.type in ("date", "datetime-local", "time", "tel", "url", "color", "range", "month"):
        return None
    if control.tag == "textarea" or control.type in ("text", "search", ""):
        return [value + "改" if value else "演示修改"]
    return None


def change_fields(page, names):
    """{html name: new values} for every visible control of a form field (`names`) that has another value
    (radios: one per group)."""
    base = page.submit_data()
    changes = {}
    for control in page.controls:
        if (not control.name or control.name not in names or control.disabled or control.type in SKIP_TYPES
                or control.name in changes):
            continue
        if control.type == "radio":
            if not control.checked and control.value not in base.get(control.name, []):
                changes[control.name] = [control.value]
            continue
        new = _changed(control, base.get(control.name, []))
        if new is not None:
            changes[control.name] = new
    return changes


def refused_names(response):
    """html names of the fields the response refused (all of a form's when it has non-field errors)."""
    names = set()
    for form in context_forms(response):
        for sub in (form.forms if isinstance(form, BaseFormSet) else [form]):
            for name in sub.errors:
                if name == "__all__":
                    names |= {bf.html_name for bf in sub}
                elif name in sub.fields:
                    names.add(sub[name].html_name)
    return names


def post_changed(client, url, page, shown, *, tries=10):
    """POST the form with every field of the `shown` forms changed; a field the form refuses goes back to
    its value, and the rest is posted again. When the form refuses a field that was not changed (a change
    made another field required…), half of the changes go back. Returns (response, the changes posted)."""
    changes = change_fields(page, set().union(*(field_names(f) for f in shown)))
    answer = None
    for _ in range(tries):
        answer = post(client, url, page, changes)
        if answer.status_code not in (200, 400):  # 400: some views answer a refused form with it
            return answer, changes
        if not error_texts(answer):
            return answer, changes
        refused = refused_names(answer) & set(changes)
        if not refused:  # a change made an unchanged field required: choices first, then halves
            refused = {name for name in changes if page.control(name).type in ("select", "radio", "checkbox")}
            refused = refused or set(list(changes)[len(changes) // 2:])
        changes = {k: v for k, v in changes.items() if k not in refused}
        if not changes:
            break
    return answer, changes
