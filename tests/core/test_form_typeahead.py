"""Type-ahead for large dropdowns in forms (core.typeahead via BootstrapMixin, core:form_options): bounded
options, a signed per-account token that re-checks the page's permissions, the form rebuilt for the account
(scope, constructor context, fingerprint), and validation through the field's whole queryset."""

import html
import re

import pytest
from django import forms
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core import typeahead
from careers.core.forms import BaseForm, BaseModelForm
from careers.core.request_context import Actor, reset_actor, set_actor
from careers.org.models import College, Major
from careers.students.models import Student

pytestmark = pytest.mark.django_db
MANY = typeahead.LIMIT + 30
PAGE_PERMISSION = "students.student.change"


class MajorPickForm(BaseModelForm):
    """A form whose 专业 dropdown is scoped to the account's majors (BaseModelForm)."""

    class Meta:
        model = Student
        fields = ["major"]


class MajorsPickForm(BaseForm):
    majors = forms.ModelMultipleChoiceField(label="专业", queryset=Major.objects.order_by("name"))


class NarrowedForm(BaseForm):
    """Narrowed by a constructor argument it does not declare for the type-ahead: the endpoint must refuse."""

    major = forms.ModelChoiceField(label="专业", queryset=Major.objects.order_by("name"))

    def __init__(self, *args, college=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.college = college
        if college is not None:
            self.fields["major"].queryset = Major.objects.filter(college=college).order_by("name")


class DeclaredNarrowedForm(NarrowedForm):
    """The same, declaring what rebuilds it."""

    def typeahead_context(self):
        return {"college": self.college.pk}

    @classmethod
    def from_typeahead(cls, user, context):
        return cls(user=user, college=College.objects.get(pk=context["college"]))


@pytest.fixture
def many_majors(org):
    template = org["majors"]["a1"]
    Major.objects.bulk_create([
        Major(name=f"{'甲' if i % 2 else '乙'}批量专业{i:03d}", major_code="080901", duration=template.duration,
              discipline=template.discipline, education_level=template.education_level, campus=template.campus,
              college=org["college_a"] if i % 2 else org["college_b"]) for i in range(MANY)])
    return Major.objects.filter(name__contains="批量专业")


@pytest.fixture
def page(school_admin):
    """Render as inside a request whose view required PAGE_PERMISSION (BackofficeView.require)."""
    token = set_actor(Actor(user=school_admin, required=[PAGE_PERMISSION]))
    yield
    reset_actor(token)


def endpoint_url(body):
    match = re.search(r'<div class="typeahead" data-typeahead="([^"]+)"', body)
    assert match, "no type-ahead"
    return html.unescape(match.group(1))


def ask(client, url, q=""):
    path, token = url.split("?t=")
    return client.get(path, {"t": token, "q": q})


def test_small_dropdown_renders_every_option(org, school_admin, page):
    body = str(MajorPickForm(user=school_admin)["major"])
    assert "data-typeahead" not in body and body.count("<option") == 5  # ---- and the four majors


def test_large_dropdown_renders_only_the_selected_option_in_bounded_queries(org, school_admin, many_majors, page):
    chosen = many_majors.order_by("-pk").first()
    with CaptureQueriesContext(connection) as queries:
        body = str(MajorPickForm(user=school_admin, initial={"major": chosen.pk})["major"])
    assert len(queries) <= 2  # the bounded rows query, then the chosen row
    assert body.count("<option") == 2 and f'<option value="{chosen.pk}" selected>' in body
    assert "批量专业" in body and body.count("批量专业") == 2  # the option and the search box's value
    # the <label for="id_major"> names the search box; the real <select> is hidden from it and from readers
    assert re.search(r'<input type="search" id="id_major"', body)
    assert re.search(r'<select name="major"[^>]* id="id_major-value"[^>]* aria-hidden="true"', body)
    assert 'role="combobox"' in body and 'aria-controls="id_major-typeahead"' in body
    assert reverse("core:form_options") in body


def test_endpoint_answers_the_forms_own_scope_for_the_account(client, org, college_admin, many_majors,
                                                              monkeypatch):
    monkeypatch.setattr(MajorPickForm, "typeahead_limit", 1)
    token = set_actor(Actor(user=college_admin, required=[PAGE_PERMISSION]))
    try:
        url = endpoint_url(str(MajorPickForm(user=college_admin)["major"]))
    finally:
        reset_actor(token)
    client.force_login(college_admin)
    # college A's admin manages 甲专业一 and 甲专业二 only: not the other majors of college A, not college B
    assert {r["text"] for r in ask(client, url, "专业").json()["results"]} == {"甲专业一", "甲专业二"}
    assert ask(client, url, "乙").json()["results"] == []
    assert ask(client, url, "批量").json()["results"] == []


def test_endpoint_pages_for_the_school_admin_in_bounded_queries(client, org, school_admin, many_majors, page,
                                                                django_assert_max_num_queries):
    url = endpoint_url(str(MajorPickForm(user=school_admin)["major"]))
    client.force_login(school_admin)
    ask(client, url, "warm-up")
    with django_assert_max_num_queries(4):  # session, account, the search (+ a savepoint on some backends)
        everything = ask(client, url).json()
    assert len(everything["results"]) == typeahead.RESULTS and everything["more"] is True
    one = ask(client, url, "乙批量专业010").json()
    assert [r["text"] for r in one["results"]] == ["乙批量专业010"] and one["more"] is False


def test_token_is_tied_to_its_account(client, org, school_admin, college_admin, many_majors, page):
    url = endpoint_url(str(MajorPickForm(user=school_admin)["major"]))
    client.force_login(college_admin)
    assert ask(client, url, "批量").status_code == 403
    client.logout()
    assert ask(client, url, "批量").status_code == 403


def test_endpoint_rechecks_the_pages_permission(client, org, school_admin, many_majors, page):
    url = endpoint_url(str(MajorPickForm(user=school_admin)["major"]))
    client.force_login(school_admin)
    assert ask(client, url, "批量").status_code == 200
    school_admin.set_permissions([c for c in school_admin.permissions if c != PAGE_PERMISSION])
    school_admin.save()
    response = ask(client, url, "批量")
    assert response.status_code == 403 and "权限" in response.json()["error"]


def test_forged_and_cross_kind_tokens_are_refused(client, org, school_admin, many_majors, page):
    client.force_login(school_admin)
    path = reverse("core:form_options")
    claim = {"f": "careers.accounts.forms.AdminAccountForm", "n": "kind", "u": school_admin.pk, "p": [], "c": {}}
    assert client.get(path, {"t": signing.dumps(claim, salt="wrong")}).status_code == 400
    # a filter token (another salt) is no form token, and a signed class must be a form of ours
    filter_token = typeahead.sign(type("F", (), {}), "major", school_admin)
    assert client.get(path, {"t": filter_token}).status_code == 400
    for path_name in ("careers.students.models.Student", "django.contrib.auth.forms.UserCreationForm"):
        token = signing.dumps({**claim, "f": path_name, "n": "major"}, salt=typeahead.FORM_SALT, compress=True)
        assert client.get(path, {"t": token}).status_code == 400, path_name
    # a field that is no model choice
    token = signing.dumps({**claim, "f": "tests.core.test_form_typeahead.MajorPickForm", "n": "nope", "h": ""},
                          salt=typeahead.FORM_SALT, compress=True)
    assert client.get(path, {"t": token}).status_code == 400


def test_a_rebuilt_queryset_that_is_not_the_pages_is_refused(client, org, school_admin, many_majors, page,
                                                             monkeypatch):
    monkeypatch.setattr(NarrowedForm, "typeahead_limit", 1)
    url = endpoint_url(str(NarrowedForm(college=org["college_b"])["major"]))
    client.force_login(school_admin)
    assert ask(client, url, "甲").status_code == 400  # rebuilt without the college: college A would leak


def test_declared_context_rebuilds_the_narrowed_queryset(client, org, school_admin, many_majors, page,
                                                         monkeypatch):
    monkeypatch.setattr(NarrowedForm, "typeahead_limit", 1)
    url = endpoint_url(str(DeclaredNarrowedForm(college=org["college_b"])["major"]))
    client.force_login(school_admin)
    texts = [r["text"] for r in ask(client, url, "专业").json()["results"]]
    assert texts and all(t.startswith("乙") for t in texts)


def test_post_validates_against_the_whole_scoped_queryset(org, college_admin, many_majors):
    inside, outside = org["majors"]["a1"], org["majors"]["b1"]
    assert MajorPickForm({"major": inside.pk}, user=college_admin).is_valid()
    form = MajorPickForm({"major": outside.pk}, user=college_admin)
    assert not form.is_valid() and "选择一个有效的选项" in str(form.errors["major"])


def test_multiple_choice_keeps_chosen_items_as_removable_chips(org, school_admin, many_majors, page):
    chosen = list(many_majors.order_by("pk")[:2])
    form = MajorsPickForm(user=school_admin, initial={"majors": [m.pk for m in chosen]})
    with CaptureQueriesContext(connection) as queries:
        body = str(form["majors"])
    assert len(queries) <= 2
    assert "data-typeahead-multiple" in body
    assert body.count("<option") == 2 and body.count(" selected>") == 2
    for major in chosen:
        assert f'data-typeahead-remove="{major.pk}" aria-label="移除“{major.name}”"' in body
    assert 'aria-label="已选"' in body
    # without JavaScript the chosen values are posted back as they are: the hidden <select> holds them
    data = {"majors": [m.pk for m in chosen]}
    bound = MajorsPickForm(data, user=school_admin)
    assert bound.is_valid() and list(bound.cleaned_data["majors"]) == sorted(chosen, key=lambda m: m.name)
    assert str(bound["majors"]).count(" selected>") == 2


def test_without_an_account_a_form_keeps_an_ordinary_dropdown(org, many_majors):
    body = str(MajorsPickForm()["majors"])  # no user, no request: nobody to sign a token for
    assert "data-typeahead" not in body and body.count("<option") == MANY + 4


def test_filter_endpoint_rechecks_the_list_permission(client, org, school_admin, many_majors):
    client.force_login(school_admin)
    body = client.get(reverse("students:student_list"), {"graduation_year": 2027}).content.decode()
    match = re.search(r'data-typeahead="([^"]+)"[^>]*><select name="major"', body)
    url = html.unescape(match.group(1))
    assert ask(client, url, "批量").status_code == 200
    school_admin.set_permissions([c for c in school_admin.permissions if c != "students.student.view"])
    school_admin.save()
    assert ask(client, url, "批量").status_code == 403
