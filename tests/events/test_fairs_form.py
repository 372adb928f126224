"""增加招聘会 form (manual 4.6.1): every cross-field rule names its field, fee rows, sanitising."""

import pytest
from django.http import QueryDict

from careers.events.fairs.forms import FairForm
from careers.events.models import Fair
from tests.events.fairs_support import at, fair_form_data, local_input
from tests.factories import FairFactory, VenueFactory

pytestmark = pytest.mark.django_db


def form_of(instance=None, **overrides):
    query = QueryDict(mutable=True)
    for key, value in fair_form_data(**overrides).items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return FairForm(query, instance=instance or Fair())


def test_valid_form_saves_all_three_sections():
    form = form_of()
    assert form.is_valid(), form.errors
    fair = form.save()
    assert fair.fee_items == [{"name": "展位费", "amount": "800.00", "per": "booth"},
                              {"name": "餐费", "amount": "30.50", "per": "attendee"}]
    assert fair.employer_operations == ["apply", "jobs", "receipt", "pay"]
    assert fair.payment_methods == ["offline"]
    assert "<script" not in fair.description and "<strong>参加</strong>" in fair.description
    assert fair.booths_per_unit == 2 and fair.capacity == 5000 and fair.status == "draft"


@pytest.mark.parametrize("overrides,field,text", [
    ({"ends_at": local_input(at(20, 8))}, "ends_at", "举办结束时间必须晚于开始时间"),
    ({"apply_deadline": local_input(at(21, 8))}, "apply_deadline", "申请截止时间不能晚于举办开始时间"),
    ({"apply_deadline": local_input(at(-2, 8))}, "apply_deadline", "申请截止时间必须晚于对外发布时间"),
    ({"publish_at": local_input(at(21, 8))}, "publish_at", "对外发布时间必须早于举办结束时间"),
    ({"registration_opens_at": local_input(at(5)), "registration_closes_at": local_input(at(4))},
     "registration_closes_at", "报名截止时间必须晚于报名开始时间"),
    ({"registration_closes_at": local_input(at(21))}, "registration_closes_at", "不能晚于举办结束时间"),
    ({"booths_per_unit": "0"}, "booths_per_unit", "每单位展位数应在 1–20 之间"),
    ({"attendees_per_unit": "99"}, "attendees_per_unit", "每单位参会人数上限应在 1–50 之间"),
    ({"payment_methods": []}, "payment_methods", "请至少选择一种支付方式"),
    ({"payee_info": ""}, "payee_info", "请填写收款账户信息"),
    ({"title": ""}, "title", "请填写招聘会标题"),
    ({"place": ""}, "place", "请填写举办地点"),
])
def test_cross_field_rules_name_the_field(overrides, field, text):
    form = form_of(**overrides)
    assert not form.is_valid()
    assert any(text in message for message in form.errors[field]), form.errors


def test_registration_window_ignored_when_not_required():
    form = form_of(registration_required=None, registration_opens_at=local_input(at(5)),
                   registration_closes_at=local_input(at(4)))
    assert form.is_valid(), form.errors


def test_fee_rows_errors_are_listed_and_rows_kept():
    form = form_of(fee_name=["展位费", "展位费", "资料费"], fee_amount=["800", "1.234", "-1"],
                   fee_per=["booth", "unit", "weird"])
    assert not form.is_valid()
    text = " ".join(form.non_field_errors())
    assert "第2行费用：费用名称“展位费”重复" in text
    assert "两位小数" in text and "负数" in text and "第3行费用：请选择计费方式" in text
    assert [row["amount"] for row in form.fee_rows] == ["800", "1.234", "-1"]  # re-rendered as typed
    assert form.fee_errors


def test_free_fair_needs_no_payment_method():
    form = form_of(fee_name=[""], fee_amount=[""], fee_per=["booth"], payment_methods=[], payee_info="")
    assert form.is_valid(), form.errors
    assert form.save().fee_items == []


def test_edit_shows_saved_fee_rows():
    fair = FairFactory()
    form = FairForm(instance=fair)
    assert form.fee_editor_rows()[0] == {"name": "展位费", "amount": "800.00", "per": "booth"}
    assert len(form.fee_editor_rows()) == 3


def test_inactive_venue_not_offered_unless_current():
    active, inactive = VenueFactory(), VenueFactory(is_active=False)
    assert set(FairForm(instance=Fair()).fields["venue"].queryset) == {active}
    fair = FairFactory(venue=inactive)
    assert inactive in FairForm(instance=fair).fields["venue"].queryset


def test_venue_conflicts_refuse_when_conflicts_module_present(monkeypatch):
    """The venues area's `conflicts.venue_conflicts` is called with the fair excluded; hits refuse the save."""
    import types

    from careers.events.fairs import actions as actions_fairs

    venue = VenueFactory(name="体育馆")
    other = FairFactory(venue=venue, title="春季双选会", starts_at=at(20, 10), ends_at=at(20, 12))
    calls = []

    def venue_conflicts(v, starts, ends, exclude=None):
        calls.append((v, starts, ends, exclude))
        return [other]

    monkeypatch.setattr(actions_fairs, "import_optional", lambda name: types.SimpleNamespace(
        venue_conflicts=venue_conflicts))
    form = form_of(venue=str(venue.pk))
    assert not form.is_valid()
    assert "场地“体育馆”在该时间段已被占用：招聘会“春季双选会”" in form.errors["venue"][0]
    assert calls[0][0] == venue and calls[0][3] is None
    # editing excludes the fair itself
    form_of(instance=other, venue=str(venue.pk)).is_valid()
    assert calls[-1][3] == other


def test_placeholder_venue_is_never_checked(monkeypatch):
    from careers.events.fairs import actions as actions_fairs

    monkeypatch.setattr(actions_fairs, "import_optional", lambda name: pytest.fail("must not check"))
    venue = VenueFactory(name="待定（300人）", is_placeholder=True)
    assert form_of(venue=str(venue.pk)).is_valid()


def test_cancelled_fair_cannot_be_edited():
    fair = FairFactory(status="cancelled")
    form = form_of(instance=fair)
    assert not form.is_valid()
    assert "招聘会已取消，不能再修改" in form.non_field_errors()[0]


def test_new_fair_preticks_operations_and_offline_payment():
    form = FairForm(instance=Fair())
    assert set(form["employer_operations"].value()) == {"apply", "jobs", "poster", "receipt", "pay", "invoice",
                                                         "checkin"}
    assert form["payment_methods"].value() == ["offline"]
    assert FairForm(instance=FairFactory(employer_operations=["apply"]))["employer_operations"].value() == ["apply"]
