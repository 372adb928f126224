"""参会单位 back office (manual 4.6.2): the list and its indicators and filters, 确认 / 不通过 single and bulk
(all or nothing), 参会设置, 批量分配展位 through the list, the per-fair job list with 不显示, exports, file
viewers and permissions."""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.models import OperationLog
from careers.events.participants import actions
from careers.events.models import Booth, Order, ParticipantJob, Participation
from tests.factories import (
    BoothFactory,
    FairFactory,
    ParticipantJobFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("events:participant_list")
JOBS = reverse("events:fair_job_list")


@pytest.fixture
def fair():
    return FairFactory(booths_per_unit=2)


def indicators(html, pk):
    """{'receipt': '1', ...} of the row of participation `pk`."""
    import re

    row = re.search(rf"<tr[^>]*>\s*<td[^>]*><input[^>]*value=\"{pk}\".*?</tr>", html, re.DOTALL).group(0)
    return dict(re.findall(r'data-indicator="(\w+)" data-on="(\d)"', row))


def test_list_shows_indicators_booths_jobs_and_fair(client, school_admin, fair):
    done = ParticipationFactory(fair=fair, confirmed=True, employer__name="甲科技", amount_due=800)
    done.receipt_file.save("r.png", ContentFile(b"x"), save=False)
    done.brochure.save("b.pdf", ContentFile(b"x"), save=False)
    done.save()
    Order.objects.create(number="N1", participation=done, description="展位费", amount_fen=80000, status="paid")
    BoothFactory(participation=done, code="A02")
    BoothFactory(participation=done, code="A01")
    ParticipantJobFactory(participation=done)
    ParticipantJobFactory(participation=done)
    bare = ParticipationFactory(fair=fair, employer__name="乙科技", amount_due=800)
    free = ParticipationFactory(fair=fair, employer__name="丙科技", amount_due=0)
    ParticipationFactory(employer__name="别的招聘会单位")
    client.force_login(school_admin)
    html = client.get(LIST, {"fair": fair.pk}).content.decode()
    assert f"参会单位：{fair.title}" in html
    assert "甲科技" in html and "乙科技" in html and "别的招聘会单位" not in html
    assert indicators(html, done.pk) == {"receipt": "1", "brochure": "1", "paid": "1"}
    assert indicators(html, bare.pk) == {"receipt": "0", "brochure": "0", "paid": "0"}
    assert indicators(html, free.pk)["paid"] == "1"  # nothing due counts as paid
    assert "A01、A02" in html
    assert f'{JOBS}?fair={fair.pk}&amp;participation={done.pk}" data-jobs-link>2</a>' in html


@pytest.mark.parametrize("params, expected", [
    ({"has_booth": "true"}, {"booth"}), ({"has_booth": "false"}, {"pending", "paid", "files"}),
    ({"paid": "true"}, {"paid"}), ({"paid": "false"}, {"booth", "pending", "files"}),
    ({"receipt": "true"}, {"files"}), ({"brochure": "true"}, {"files"}), ({"brochure": "false"},
                                                                         {"booth", "pending", "paid"}),
    ({"status": "pending"}, {"pending"}), ({"q": "A07"}, {"booth"}), ({"q": "丁"}, {"paid"}),
    ({"checked_in": "true"}, {"booth"}),
])
def test_list_filters(client, school_admin, fair, params, expected):
    from django.utils import timezone

    rows = {
        "booth": ParticipationFactory(fair=fair, confirmed=True, employer__name="甲", checked_in_at=timezone.now()),
        "pending": ParticipationFactory(fair=fair, employer__name="乙"),
        "paid": ParticipationFactory(fair=fair, confirmed=True, amount_due=0, employer__name="丁"),
        "files": ParticipationFactory(fair=fair, confirmed=True, employer__name="戊"),
    }
    BoothFactory(participation=rows["booth"], code="A07")
    rows["files"].receipt_file.save("r.png", ContentFile(b"x"), save=False)
    rows["files"].brochure.save("b.pdf", ContentFile(b"x"))
    client.force_login(school_admin)
    response = client.get(LIST, {"fair": fair.pk, **params})
    shown = {key for key, p in rows.items() if f'name="pk" value="{p.pk}"' in response.content.decode()}
    assert shown == expected


def test_list_query_count_does_not_grow(client, school_admin, fair):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"fair": fair.pk, "per_page": 200}).status_code == 200
        return len(ctx)

    client.force_login(school_admin)
    ParticipationFactory(fair=fair, confirmed=True)
    count()
    before = count()
    for _ in range(15):
        p = ParticipationFactory(fair=fair, confirmed=True)
        BoothFactory(participation=p)
        ParticipantJobFactory(participation=p)
    assert count() == before <= 15


def test_job_list_query_count_does_not_grow(client, school_admin, fair):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(JOBS, {"fair": fair.pk, "per_page": 200}).status_code == 200
        return len(ctx)

    client.force_login(school_admin)
    ParticipantJobFactory(participation__fair=fair)
    count()
    before = count()
    for _ in range(15):
        ParticipantJobFactory(participation__fair=fair)
    assert count() == before <= 15


# -- 确认 / 不通过 ------------------------------------------------------------------------------------------

def test_bulk_confirm_confirms_all_and_logs_and_notifies(client, school_admin, fair,
                                                         django_capture_on_commit_callbacks):
    units = [ParticipationFactory(fair=fair) for _ in range(3)]
    client.force_login(school_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:participation_bulk_confirm"), {"pk": [u.pk for u in units]},
                               follow=True)
    assert "已确认 3 家单位参会" in response.content.decode()
    assert set(Participation.objects.values_list("status", flat=True)) == {"confirmed"}
    assert OperationLog.objects.filter(object_type="events.participation", message__startswith="确认参会").count() == 3
    from careers.core.models import Message

    assert Message.objects.filter(subject=f"招聘会“{fair.title}”参会申请已确认").count() == 3


def test_bulk_confirm_is_all_or_nothing(client, school_admin, fair):
    ok = ParticipationFactory(fair=fair)
    gone = ParticipationFactory(fair=fair, status="withdrawn", employer__name="已撤回公司")
    client.force_login(school_admin)
    response = client.post(reverse("events:participation_bulk_confirm"), {"pk": [ok.pk, gone.pk]}, follow=True)
    assert "“已撤回公司”已撤回申请，不能确认；未确认任何单位" in response.content.decode()
    ok.refresh_from_db()
    assert ok.status == "pending"


def test_confirm_respects_max_units(school_admin):
    fair = FairFactory(max_units=2)
    ParticipationFactory(fair=fair, confirmed=True)
    units = [ParticipationFactory(fair=fair) for _ in range(2)]
    with pytest.raises(Exception, match="最多 2 家单位，已确认 1 家"):
        actions.confirm(units, acting_user=school_admin)
    assert Participation.objects.filter(status="confirmed").count() == 1


def test_bulk_reject_needs_a_reason_and_releases_booths(client, school_admin, fair):
    a = ParticipationFactory(fair=fair, confirmed=True)
    BoothFactory(participation=a, code="A01")
    b = ParticipationFactory(fair=fair)
    client.force_login(school_admin)
    url = reverse("events:participation_bulk_reject")
    response = client.post(url, {"pk": [a.pk, b.pk], "reason": "  "}, follow=True)
    assert "请填写不通过的原因" in response.content.decode()
    assert Participation.objects.filter(status="rejected").count() == 0
    client.post(url, {"pk": [a.pk, b.pk], "reason": "职位与本次招聘会专业不符"})
    assert set(Participation.objects.values_list("review_note", flat=True)) == {"职位与本次招聘会专业不符"}
    assert not Booth.objects.exists()


def test_single_review_from_detail_page(client, school_admin, fair):
    p = ParticipationFactory(fair=fair)
    client.force_login(school_admin)
    page = client.get(reverse("events:participation_detail", args=[p.pk])).content.decode()
    assert 'id="confirm"' in page and "应缴费用" in page
    url = reverse("events:participation_review", args=[p.pk])
    client.post(url, {"_action": "confirm"})
    p.refresh_from_db()
    assert p.status == "confirmed"
    client.post(url, {"_action": "reject", "reason": "未按要求上传回执"})
    p.refresh_from_db()
    assert (p.status, p.review_note) == ("rejected", "未按要求上传回执")


# -- 参会设置 and batch allocation through the list ----------------------------------------------------------

def test_settings_sets_codes_count_and_checkin(client, school_admin, fair):
    p = ParticipationFactory(fair=fair, confirmed=True)
    url = reverse("events:participation_settings", args=[p.pk])
    client.force_login(school_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"booth_codes": "a05、A06", "booths_requested": 2, "checked_in": "on"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert sorted(p.booths.values_list("code", flat=True)) == ["A05", "A06"]
    assert p.booths_requested == 2 and p.checked_in_at is not None
    assert OperationLog.objects.filter(object_id=str(p.pk), message__contains="参会设置").exists()


@pytest.mark.parametrize("data, message", [
    ({"booth_codes": "A01", "booths_requested": 3}, "展位数：应在 1–2 之间"),
    ({"booth_codes": "A01 A02", "booths_requested": 1}, "展位号：填写了 2 个，超过展位数 1"),
    ({"booth_codes": "A09", "booths_requested": 1}, "展位号：A09 已分配给“占位公司”"),
    ({"booth_codes": "A0#", "booths_requested": 1}, "格式不对"),
])
def test_settings_refusals_name_the_field(client, school_admin, fair, data, message):
    BoothFactory(participation=ParticipationFactory(fair=fair, confirmed=True, employer__name="占位公司"), code="A09")
    p = ParticipationFactory(fair=fair, confirmed=True)
    client.force_login(school_admin)
    response = client.post(reverse("events:participation_settings", args=[p.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not p.booths.exists()


def test_settings_refuses_booths_for_an_unconfirmed_unit(client, school_admin, fair):
    p = ParticipationFactory(fair=fair)
    client.force_login(school_admin)
    response = client.post(reverse("events:participation_settings", args=[p.pk]),
                           {"booth_codes": "A01", "booths_requested": 1})
    assert "尚未确认参会，不能设置展位号" in response.content.decode()


def test_allocate_from_the_list(client, school_admin, fair):
    units = [ParticipationFactory(fair=fair, confirmed=True) for _ in range(3)]
    client.force_login(school_admin)
    response = client.post(reverse("events:participation_allocate_booths"),
                           {"pk": [u.pk for u in units], "area": "b", "start": "39", "per_area": "40",
                            "next_areas": "on", "return_url": f"{LIST}?fair={fair.pk}"}, follow=True)
    assert "已为 3 家单位分配 3 个展位（B39 起）" in response.content.decode()
    assert [list(u.booths.values_list("code", flat=True)) for u in units] == [["B39"], ["B40"], ["C01"]]


def test_allocate_from_the_list_refuses_bad_layout_and_mixed_fairs(client, school_admin, fair):
    a = ParticipationFactory(fair=fair, confirmed=True)
    other = ParticipationFactory(confirmed=True)
    client.force_login(school_admin)
    url = reverse("events:participation_allocate_booths")
    response = client.post(url, {"pk": [a.pk], "area": "A", "start": "50", "per_area": "40"}, follow=True)
    assert "起始号：应在 1–40" in response.content.decode()
    response = client.post(url, {"pk": [a.pk, other.pk], "area": "A", "start": "1", "per_area": "40"}, follow=True)
    assert "属于不同的招聘会" in response.content.decode()
    assert not Booth.objects.exists()


# -- the job list ------------------------------------------------------------------------------------------

def test_job_list_bulk_hide_show_and_single_toggle(client, school_admin, fair):
    jobs = [ParticipantJobFactory(participation__fair=fair) for _ in range(3)]
    client.force_login(school_admin)
    page = client.get(JOBS, {"fair": fair.pk}).content.decode()
    assert jobs[0].job.title in page and "8000" in page
    client.post(reverse("events:fair_job_hide"), {"pk": [jobs[0].pk, jobs[1].pk]})
    assert list(ParticipantJob.objects.filter(hidden=True).order_by("pk")) == jobs[:2]
    # a row's own button acts on that row only, even with other rows checked
    client.post(reverse("events:fair_job_show"), {"pk": [jobs[1].pk], "single": jobs[0].pk})
    assert list(ParticipantJob.objects.filter(hidden=True)) == [jobs[1]]
    assert OperationLog.objects.filter(message__startswith="招聘会职位").count() == 2
    hidden_only = client.get(JOBS, {"fair": fair.pk, "hidden": "true"}).content.decode()
    assert jobs[1].job.title in hidden_only and jobs[2].job.title not in hidden_only


def test_job_list_of_one_unit(client, school_admin, fair):
    mine = ParticipantJobFactory(participation__fair=fair)
    theirs = ParticipantJobFactory(participation__fair=fair)
    client.force_login(school_admin)
    page = client.get(JOBS, {"fair": fair.pk, "participation": mine.participation_id}).content.decode()
    assert mine.job.title in page and theirs.job.title not in page


def test_job_list_sorts_before_loading_the_jobs(client, school_admin, fair):
    """The page query joins only the unit and fair (its sort and columns); the page's jobs and their 学历/地区
    come in one more query (issue 13: joining every job and its code tables before the sort, 45-60 ms).
    地区 is not a default column: the region is loaded but not shown."""
    from careers.codes.models import Code

    pj = ParticipantJobFactory(participation__fair=fair, participation__employer__name="B单位")
    first = ParticipantJobFactory(participation__fair=fair, participation__employer__name="A单位")
    pj.job.education = Code.objects.of("education_level").first()
    pj.job.region = Code.objects.of("region").exclude(name="").first()
    pj.job.save()
    client.force_login(school_admin)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(JOBS, {"fair": fair.pk}).content.decode()
    rows = next(q["sql"] for q in queries if q["sql"].startswith('SELECT "events_participantjob"."id"'))
    assert "recruitment_job" not in rows and "codes_code" not in rows
    assert page.index(first.job.title) < page.index(pj.job.title)  # by unit name
    for text in (pj.job.title, pj.job.education.name, pj.job.salary_display, "不限",
                 reverse("recruitment:job_detail", kwargs={"pk": pj.job_id})):
        assert text in page, text


# -- exports -----------------------------------------------------------------------------------------------

def _xlsx(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                             if response.streaming else response.content))
    return [[c.value for c in row] for row in book.active.iter_rows()]


def test_export_units_with_chosen_fields(client, school_admin, fair):
    p = ParticipationFactory(fair=fair, confirmed=True, employer__name="导出科技")
    BoothFactory(participation=p, code="A03")
    ParticipationFactory(employer__name="其他招聘会单位")
    client.force_login(school_admin)
    url = reverse("events:participation_export") + f"?fair={fair.pk}"
    assert client.get(url).status_code == 200
    rows = _xlsx(client.post(url, {"fields_chosen": ["employer", "booths", "paid", "attendees"], "format": "xlsx"}))
    assert rows[0] == ["参会单位", "展位号", "参会人员", "缴费"]
    assert rows[1:] == [["导出科技", "A03", "王招聘，HR，13800000000", "未缴费"]]


def test_export_jobs(client, school_admin, fair):
    pj = ParticipantJobFactory(participation__fair=fair, hidden=True)
    client.force_login(school_admin)
    url = reverse("events:participantjob_export") + f"?fair={fair.pk}"
    rows = _xlsx(client.post(url, {"fields_chosen": ["title", "employer", "salary", "hidden"], "format": "xlsx"}))
    assert rows[1] == [pj.job.title, pj.participation.employer.name, pj.job.salary_display, "不显示"]


# -- files and permissions ---------------------------------------------------------------------------------

def test_file_viewer_streams_private_file_and_logs(client, school_admin, fair):
    p = ParticipationFactory(fair=fair)
    p.brochure.save("b.pdf", ContentFile(b"%PDF-1.4 brochure"))
    client.force_login(school_admin)
    response = client.get(reverse("events:participation_file", args=[p.pk, "brochure"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert OperationLog.objects.filter(message="查看招聘简章附件").exists()
    assert client.get(reverse("events:participation_file", args=[p.pk, "licence"])).status_code == 404
    assert client.get(reverse("events:participation_file", args=[p.pk, "poster"])).status_code == 302


def test_permissions(client, fair):
    p = ParticipationFactory(fair=fair)
    pj = ParticipantJobFactory(participation=p)
    viewer = UserFactory(permissions=["events.participation.view", "events.participantjob.view"])
    client.force_login(viewer)
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("events:participation_detail", args=[p.pk])).status_code == 200
    page = client.get(LIST, {"fair": fair.pk}).content.decode()
    assert "bulk-confirm" not in page and "bulk-allocate" not in page
    client.post(reverse("events:participation_bulk_confirm"), {"pk": [p.pk]})
    client.post(reverse("events:participation_review", args=[p.pk]), {"_action": "confirm"})
    assert client.get(reverse("events:participation_settings", args=[p.pk])).status_code == 403
    assert client.get(reverse("events:participation_export")).status_code == 403
    client.post(reverse("events:fair_job_hide"), {"pk": [pj.pk]})
    p.refresh_from_db()
    pj.refresh_from_db()
    assert p.status == "pending" and not pj.hidden
    nobody = UserFactory(permissions=[])
    client.force_login(nobody)
    assert client.get(LIST).status_code == 403
    assert client.get(JOBS).status_code == 403
    assert client.get(reverse("events:participation_file", args=[p.pk, "brochure"])).status_code == 403


def test_settings_recomputes_amount_due_when_the_booth_count_changes(client, school_admin, fair):
    p = ParticipationFactory(fair=fair, confirmed=True, booths_requested=1, amount_due=800)
    client.force_login(school_admin)
    client.post(reverse("events:participation_settings", args=[p.pk]), {"booth_codes": "", "booths_requested": 2})
    p.refresh_from_db()
    assert (p.booths_requested, str(p.amount_due)) == (2, "1600.00")
