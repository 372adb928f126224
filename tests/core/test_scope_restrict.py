"""restrict() is the queryset's own (a model's override is never bypassed); None is nobody, SYSTEM is explicit."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from careers.core.exports import EXPORT_VIEWS, ExportField
from careers.core.scoping import SYSTEM, restricted, scope_filter, sees_all_majors
from careers.core.views.exports import ExportView
from careers.core.views.generic import ModelViewMixin, require_object_in
from careers.org.models import Major
from careers.students.models import MajorTransfer, Student

pytestmark = pytest.mark.django_db


@pytest.fixture
def incoming_transfer(org):
    """A transfer from college B into college A: college A decides it (MajorTransfer's own restrict())."""
    return MajorTransfer.objects.create(student=org["students"]["b1"], from_major=org["majors"]["b1"], from_year=2027,
                                        to_major=org["majors"]["a1"], to_year=2027, reason="转入甲院")


def view_over(queryset, user):
    view = type("TransferView", (ModelViewMixin,), {"queryset": queryset})()
    view.request = RequestFactory().get("/")
    view.request.user = user
    return view


def test_generic_views_use_the_models_own_restrict(college_admin, incoming_transfer):
    assert incoming_transfer in view_over(MajorTransfer.objects.all(), college_admin).restricted("view")


def test_exports_use_the_models_own_restrict(college_admin, incoming_transfer, monkeypatch):
    monkeypatch.setattr(college_admin, "has_permission", lambda code: True)  # transfers have no export of their own
    export = type("TransferExportView", (ExportView,), {"queryset": MajorTransfer.objects.all(), "fields": [ExportField("reason", "转移原因")],
                                                        "__module__": __name__})
    EXPORT_VIEWS.pop(export.key())  # registered by __init_subclass__; not a real export
    assert incoming_transfer in export.filtered_queryset(college_admin, "")


def test_require_object_in_uses_the_models_own_restrict(college_admin, incoming_transfer):
    assert require_object_in(MajorTransfer.objects.all(), college_admin, "view", incoming_transfer.pk)


def test_a_queryset_without_restrict_is_refused():
    from django.contrib.sessions.models import Session

    with pytest.raises(ImproperlyConfigured):
        restricted(Session.objects.all(), SYSTEM)


def test_none_is_nobody_not_the_system(org):
    assert not Student.objects.restrict(None).exists()
    assert not scope_filter(Student.objects.all(), None).exists()
    assert not scope_filter(Major.objects.all(), None).exists()
    assert not sees_all_majors(None)


def test_system_code_says_so_and_sees_everything(org):
    assert Student.objects.restrict(SYSTEM).count() == Student.objects.count() == 4
    assert scope_filter(Major.objects.all(), SYSTEM).count() == 4
    assert sees_all_majors(SYSTEM)


def test_actions_refuse_none_and_accept_system_explicitly(org):
    """`acting_user=None` used to mean trusted system code; now it is nobody, and system code says SYSTEM."""
    from django.core.exceptions import PermissionDenied

    from careers.employment.dispatch import actions as actions_dispatch
    from careers.students.records import review as actions_review

    record = org["students"]["b1"].dispatch
    with pytest.raises(PermissionDenied):
        actions_dispatch.admin_update(record, {"note": "无人操作"}, acting_user=None)
    with pytest.raises(PermissionDenied):
        actions_review.set_transfer_approval(True, acting_user=None)
    from careers.students.models import StudentSettings

    actions_review.set_transfer_approval(True, acting_user=SYSTEM)
    assert StudentSettings.load().transfer_approval
    assert StudentSettings.history.first().history_user is None  # recorded as no account
    assert not actions_review.manages_major(None, org["majors"]["a1"])


def test_form_dropdowns_of_scoped_models_offer_nothing_without_a_user(org, college_admin):
    from careers.core.forms import BaseModelForm

    class StatusChangeLikeForm(BaseModelForm):
        class Meta:
            model = MajorTransfer
            fields = ["to_major", "student"]

    def offered(user):
        form = StatusChangeLikeForm(user=user)
        return set(form.fields["to_major"].queryset), set(form.fields["student"].queryset)

    assert offered(None) == (set(), set())
    assert offered(SYSTEM) == (set(Major.objects.all()), set(Student.objects.all()))
    majors, students = offered(college_admin)
    assert majors == {org["majors"]["a1"], org["majors"]["a2"]} and org["students"]["b1"] not in students
