"""Every back-office page at scale, as a school admin and as a college admin: the performance twin of the
demo walk (issue 13).

After the other benches (ORDER 95: 200,000 students, the 38,000-graduate operating year, employment,
dispatch, résumés, applications, follow-up, talks, fairs and check-ins), each back-office GET route
(careers/core/routes.py: `backoffice_routes()` and its `kind`) is requested with its default filters
(the operating year the view applies) through django.test.Client in a fresh process, as

- the school admin (bench_imports.school_admin()), and
- a college admin with the level-2 permissions (demo's template) managing the college that has the most
  graduates in the operating year.

A route with <pk> gets the newest object of its model within the role's scope (one per route); a route
whose view offers `bench_params(user)` (a classmethod returning URL kwargs) gets each of those; other
parameters are not filled (counted as skipped). The object comes from the view's own restricted("view")
when it has one; the next-newest is tried when a page answers 404 (a view that narrows further). Each figure is the median of RUNS after a warm-up, against
its kind's target (routes.TARGETS_MS: list ≤ 150 ms, detail/edit ≤ 100 ms, statistics ≤ 200 ms, lookup
≤ 100 ms). A page that answers other than 200 is a failure line (marked OVER), except a 403 to the college
admin (a school-only page: counted as refused) and a redirect (an action's GET, or a page the object's state
forwards elsewhere: counted, not timed). Downloads and actions are not timed. The run ends with the
slowest page of each kind: `bench: slowest back-office list = <ms> ms (<route> as <role>) (target …)`.

`BENCH_ROUTES=events:,students:student_add` (names, or app prefixes ending in ':') times only those routes
(with --existing, while working on a page). Before timing, today's 就业快照 are taken as the nightly beat task
would (`take_nightly_snapshots`): the statistics pages read them, as they do on a server. New back-office pages join by being registered: tests/core/test_routes_bench.py checks every one has a kind.
"""

import os
import statistics
import time

from bench.common import in_fresh_process, line

ORDER = 95  # after every other bench: it times pages over the data they built
RUNS = 3  # timed runs after the warm-up (none when the warm-up alone took over SLOW_MS)
SLOW_MS = 1000
CANDIDATES = 3  # objects tried for a <pk> route until one is not a 404
ROLES = ("school_admin", "college_admin")
SUMMARY_KINDS = (("list", "list"), ("detail", "detail/edit page"), ("statistics", "statistics page"),
                 ("lookup", "lookup"))


def operating_year():
    from careers.core.middleware import default_operating_year

    return default_operating_year()


def college_admin():
    """A level-2 admin (the demo's 学院管理员 permissions) of the college with the most graduates in the
    operating year — the one with data at scale."""
    from django.db.models import Count

    from careers.accounts.models import User
    from careers.accounts.demo import college_admin_permissions
    from careers.org.models import Major
    from careers.students.models import Student

    college = (Student.objects.filter(graduation_year=operating_year()).values("major__college")
               .annotate(n=Count("pk")).order_by("-n").values_list("major__college", flat=True).first())
    if college is None:  # no graduates in the operating year: the college with the most students
        college = (Student.objects.values("major__college").annotate(n=Count("pk")).order_by("-n")
                   .values_list("major__college", flat=True).first())
    user, _ = User.objects.get_or_create(username="bench-list-college-admin", defaults={
        "name": "基准学院管理员", "kind": User.Kind.COLLEGE_ADMIN, "must_change_password": False})
    user.set_permissions(college_admin_permissions())
    user.save()
    user.managed_majors.set(Major.objects.filter(college_id=college))
    return user


def run():
    from bench.bench_imports import school_admin

    users = {"school_admin": school_admin().pk, "college_admin": college_admin().pk}
    take_nightly_snapshots()
    # Timed in a fresh process, like a server worker (not carrying the seeding's objects).
    print(in_fresh_process("bench_lists", f"timings({users!r})", timeout=1800), end="", flush=True)


def take_nightly_snapshots():
    """Today's 就业快照 and 跟踪统计快照 of the tracked cohorts, as the beat tasks take them every night (config/celery.py): on a
    server the statistics pages read them during the day and say how fresh they are (实时重算 on demand, not
    timed here); bench_reports removes its own snapshots, so without this every such page would be timed live."""
    from django.utils import timezone

    from careers.followup.models import LedgerSnapshot
    from careers.followup.snapshots import take_daily_snapshots as take_ledger_snapshots
    from careers.reports.models import Snapshot
    from careers.reports.snapshots import take_daily_snapshots

    today = timezone.localdate()
    if Snapshot.objects.filter(taken_on=today).exists() and LedgerSnapshot.objects.filter(taken_on=today).exists():
        return  # already taken today (e.g. --existing on a database that has them)
    started = time.perf_counter()
    take_ledger_snapshots()
    taken = take_daily_snapshots()
    line("lists_nightly_snapshots", f"{time.perf_counter() - started:.1f}", "s")
    print(f"  (snapshots of {', '.join(f'{s.graduation_year}届 {s.graduates} 人' for s in taken)}, as the nightly task)",
          flush=True)


# -- filling the URLs -----------------------------------------------------------------------------------

class NoObject(Exception):
    """Nothing to request: no object in the role's scope, or parameters the bench does not fill."""


def scoped(route, model, user):
    """The objects of `model` the route may show `user`: the view's own restricted("view") when it has one
    (its scope rule, e.g. the sender rule of messages), else the model's restrict(), else the user's own
    objects (a job, a saved query), else all."""
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from careers.core.scoping import restricted

    queryset = getattr(route.view_class, "queryset", None)
    if queryset is not None and queryset.model is model and callable(getattr(route.view_class, "restricted", None)):
        view = route.view_class()
        view.request, view.args, view.kwargs = RequestFactory().get("/"), (), {}
        view.request.user = user
        try:
            return view.restricted("view")
        except PermissionDenied:
            raise NoObject("the role may not view it") from None
    queryset = model._default_manager.all()
    if callable(getattr(queryset, "restrict", None)):
        return restricted(queryset, user, "view")
    for owner in ("created_by", "user", "owner"):
        if any(f.name == owner for f in model._meta.concrete_fields):
            return queryset.filter(**{owner: user})
    return queryset


def urls_of(route, user):
    """[(label, [url, …])] to time for `route` as `user` (the first of the URLs that is not a 404 is timed:
    the newest objects in scope, in case the view narrows the scope further); NoObject when there is none."""
    from django.urls import reverse

    from careers.core.routes import model_of

    params = route.params
    if not params:
        return [(route.name, [reverse(route.name)])]
    offered = getattr(route.view_class, "bench_params", None)
    if callable(offered):
        kwargs_list = list(offered(user))
        if not kwargs_list:
            raise NoObject("no parameters offered")
        return [(f"{route.name}[{','.join(str(v) for v in kwargs.values())}]" if params != {"pk"} else route.name,
                 [reverse(route.name, kwargs=kwargs)]) for kwargs in kwargs_list]
    if params != {"pk"}:
        raise NoObject(f"parameters {sorted(params)}")
    model = model_of(route)
    if model is None:
        raise NoObject("<pk> names no model")
    pks = list(scoped(route, model, user).order_by("-pk").values_list("pk", flat=True)[:CANDIDATES])
    if not pks:
        raise NoObject(f"no {model._meta.label} in scope")
    return [(route.name, [reverse(route.name, kwargs={"pk": pk}) for pk in pks])]


# -- timing ---------------------------------------------------------------------------------------------

def time_url(client, url):
    """(status, median ms, queries of the warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    warm = (time.perf_counter() - started) * 1000
    count = len(queries)  # now: the next request's request_started clears the connection's query log
    if response.status_code != 200:
        return response.status_code, None, count
    if warm > SLOW_MS:  # a page this slow: its warm-up is the figure (keeps the run short)
        return 200, warm, count
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return 200, statistics.median(times), count


def timings(user_ids, routes=None, out=None):
    """Time every back-office page for each role; returns the figures [(kind, label, role, ms, queries)].
    `routes` defaults to every back-office route (a test passes a few)."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from django.test import Client

    from careers.accounts.models import User
    from careers.core.routes import TARGETS_MS, backoffice_routes

    started = time.perf_counter()
    routes = backoffice_routes() if routes is None else routes
    wanted = [w for w in os.environ.get("BENCH_ROUTES", "").split(",") if w]
    if wanted:  # BENCH_ROUTES=events:,students:student_add times only the routes named (or prefixed) so
        routes = [r for r in routes if any(r.name == w or (w.endswith(":") and r.name.startswith(w))
                                           for w in wanted)]
    clients = {}
    for role in ROLES:
        client = Client(SERVER_NAME="localhost")  # an allowed host; DEBUG is off for honest figures
        client.force_login(User.objects.get(pk=user_ids[role]))
        clients[role] = client
    figures, failures, refused, skipped, untimed, redirected = [], 0, 0, 0, 0, 0
    for route in routes:
        kind = route.kind
        if kind not in TARGETS_MS:
            untimed += 1
            continue
        owner = getattr(route.view_class, "bench_account", None)
        for role in (("own",) if owner else ROLES):
            # A page of a role held through data (我的咨询: an adviser's own area) is timed as such an account.
            user = owner() if owner else User.objects.get(pk=user_ids[role])
            if user is None:
                skipped += 1
                print(f"  skipped {route.name}: no account of the page's own role", flush=True)
                continue
            if role == "own" and role not in clients:
                clients[role] = Client(SERVER_NAME="localhost")
            if role == "own":
                clients[role].force_login(user)
            try:
                urls = urls_of(route, user)
            except NoObject as why:
                skipped += 1
                print(f"  skipped {route.name} as {role}: {why}", flush=True)
                continue
            for label, candidates in urls:
                name = f"{kind} {label} as {role}"
                try:
                    for url in candidates:
                        status, ms, queries = time_url(clients[role], url)
                        if status != 404:
                            break
                except Exception as exc:  # a page that raises is a failure, not the end of the bench
                    failures += 1
                    line(name, "failed", "", f"<= {TARGETS_MS[kind]} ms", note=f"{type(exc).__name__}: {exc}"[:200],
                         failed=True)
                    continue
                if status == 403 and role == "college_admin":
                    refused += 1
                    print(f"  refused {label} as {role} (403)", flush=True)
                elif 300 <= status < 400:  # an action's GET, or a page the object's state forwards (a reviewed unit)
                    redirected += 1
                    print(f"  redirected {label} as {role} ({status})", flush=True)
                elif status != 200:
                    failures += 1
                    line(name, "failed", "", f"<= {TARGETS_MS[kind]} ms", note=f"HTTP {status}", failed=True)
                else:
                    line(name, f"{ms:.0f}", "ms", TARGETS_MS[kind], note=f"{queries} queries")
                    figures.append((kind, label, role, ms, queries))
    for kind, title in SUMMARY_KINDS:
        ofkind = [f for f in figures if f[0] == kind]
        if ofkind:
            worst = max(ofkind, key=lambda f: f[3])
            line(f"slowest back-office {title}", f"{worst[3]:.0f}", "ms", TARGETS_MS[kind],
                 note=f"{worst[1]} as {worst[2]}")
    line("back-office pages timed", len(figures), "pages")
    line("back-office pages over target", sum(1 for f in figures if f[3] > TARGETS_MS[f[0]]), "pages", 0)
    line("back-office page failures", failures, "pages", 0)
    line("back-office pages not timed (no object or parameters / download or action / redirect / 403 to the "
         "college admin)", f"{skipped} / {untimed} / {redirected} / {refused}", "")
    line("back-office pages bench time", f"{time.perf_counter() - started:.0f}", "s")
    return figures
