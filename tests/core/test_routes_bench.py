"""The generic list benchmark (bench/bench_lists.py) over the URLconf: every back-office GET route has a kind,
so a new list is timed without anyone adding it; and the bench's line / OVER / summary formatting."""

import io
import sys

import pytest
from django.urls import reverse

from bench import bench_lists
from bench.common import format_line, over_target
from bench.run import OverCount
from careers.core.routes import KINDS, TARGETS_MS, Route, backoffice_routes, bench_kind
from careers.core.views.exports import ExportView
from careers.core.views.generic import BackofficeView, ObjectEditView, ObjectListView, ObjectView

ROUTES = backoffice_routes()


def test_every_back_office_route_has_a_kind():
    assert len(ROUTES) > 100
    unknown = [(r.name, r.kind) for r in ROUTES if r.kind not in KINDS]
    assert not unknown
    gets = [r for r in ROUTES if r.kind != "post"]
    assert all(callable(getattr(r.view_class, "get", None)) for r in gets)
    assert all(not callable(getattr(r.view_class, "get", None)) for r in ROUTES if r.kind == "post")


def test_kinds_follow_the_base_classes():
    for route in ROUTES:
        view = route.view_class
        if getattr(view, "bench_kind", None) or route.kind == "post":
            continue
        if issubclass(view, (ObjectListView, ExportView)):
            assert route.kind == "list", route.name
        elif issubclass(view, (ObjectView, ObjectEditView)):
            assert route.kind == "detail", route.name


def test_statistics_and_lookups_are_named_so():
    """A statistics page or lookup must say so (`bench_kind`): the route names that look like one are."""
    kinds = {r.name: r.kind for r in ROUTES}
    for name, kind in kinds.items():
        if name.endswith(("_stats", ":statistics", ":statistics_run", ":rates", ":market")):
            assert kind == "statistics", name
        if name.endswith("_lookup"):
            assert kind == "lookup", name
    assert kinds["students:student_list"] == kinds["employment:dispatchrecord_list"] == "list"
    assert kinds["employment:employmentrecord_list"] == kinds["employment:unemployed_list"] == "list"
    assert kinds["students:student_detail"] == kinds["students:student_edit"] == "detail"
    assert kinds["events:fair_stats"] == kinds["reports:rates"] == "statistics"
    assert kinds["employment:employer_lookup"] == "lookup"
    assert kinds["reports:rates_export"] == kinds["resumes:resume_attachment"] == "download"
    assert kinds["students:student_bulk_review"] == "post"
    assert kinds["events:talk_add"] == kinds["events:talk_edit"] == "detail"  # not ObjectEditView, still an edit page


def test_a_new_list_joins_automatically():
    class NewListView(ObjectListView):
        pass

    class NewPageView(BackofficeView):
        def get(self, request, pk):
            pass

    class NewActionView(BackofficeView):
        def post(self, request):
            pass

    assert bench_kind(Route("x:new_list", "x/new/", NewListView)) == "list"
    assert bench_kind(Route("x:new_page", "x/<int:pk>/page/", NewPageView)) == "detail"
    assert bench_kind(Route("x:new_action", "x/act/", NewActionView)) == "post"
    assert Route("x:new_list", "x/new/", NewListView).kind == "list"
    assert Route("x:fn", "x/fn/", None).kind is None  # not a back-office view: not timed


def test_line_format_and_over():
    assert format_line("student_list_page", "97", "ms", 150) == "bench: student_list_page = 97 ms (target <= 150 ms)"
    assert format_line("student_list_page", "197", "ms", 150) == (
        "bench: student_list_page = 197 ms (target <= 150 ms) OVER")
    assert format_line("speedup", "9.6", "x", 10, op=">=") == "bench: speedup = 9.6 x (target >= 10 x) OVER"
    assert format_line("speedup", "11.1", "x", 10, op=">=") == "bench: speedup = 11.1 x (target >= 10 x)"
    assert format_line("import", "6.22", "s", "<= 3 s") == "bench: import = 6.22 s (target <= 3 s) OVER"
    assert format_line("failures", 0, "", 0, op="=") == "bench: failures = 0 (target = 0)"
    assert format_line("seed", "12.0", "s") == "bench: seed = 12.0 s"
    assert format_line("slowest back-office list", "230", "ms", 150, note="students:student_list as college_admin") == (
        "bench: slowest back-office list = 230 ms (students:student_list as college_admin) (target <= 150 ms) OVER")
    assert format_line("list x as school_admin", "failed", "", "<= 150 ms", note="HTTP 500", failed=True) == (
        "bench: list x as school_admin = failed (HTTP 500) (target <= 150 ms) OVER")
    assert not over_target("n/a", 5) and over_target("5.1", 5) and not over_target("5", 5)


def test_run_counts_the_lines_over_target():
    out = io.StringIO()
    counter = OverCount(out)
    counter.write("bench: a = 1 ms (target <= 2 ms)\nbench: b = 3 ms (target <= 2 ms) OVER\nbench: c = 9 ")
    counter.write("ms (target <= 2 ms) OVER\n  a child's note OVER\n")
    assert counter.over == 2 and out.getvalue().count("\n") == 4


@pytest.mark.django_db
def test_bench_times_pages_for_both_roles(school_admin, college_admin, capsys, monkeypatch):
    monkeypatch.setattr(bench_lists, "RUNS", 1)
    wanted = {"students:student_list", "students:student_detail", "students:statistics", "students:statistics_run",
              "employment:employer_lookup", "reports:rates_export", "accounts:user_list"}
    routes = [r for r in ROUTES if r.name in wanted]
    figures = bench_lists.timings({"school_admin": school_admin.pk, "college_admin": college_admin.pk}, routes)
    out = capsys.readouterr().out
    timed = {(label.split("[")[0], role) for kind, label, role, ms, queries in figures}
    for role in ("school_admin", "college_admin"):
        assert ("students:student_list", role) in timed and ("students:student_detail", role) in timed
        assert ("students:statistics_run", role) in timed
    assert "bench: list students:student_list as school_admin = " in out
    assert "rates_export" not in out  # a download is not timed
    assert "bench: slowest back-office list = " in out and "(target <= 150 ms)" in out
    assert "bench: slowest back-office statistics page = " in out
    assert "bench: back-office page failures = 0 pages (target <= 0 pages)" in out, out
    assert all(kind in TARGETS_MS for kind, *_ in figures)
    assert all(queries > 0 for kind, label, role, ms, queries in figures if kind != "lookup"), figures
    assert reverse("students:student_list") and sys.modules["bench.bench_lists"] is bench_lists
