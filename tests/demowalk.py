"""The demo walk's machinery (tests/core/demo_walk/): the demo school, its roles, and every URL filled
from a sample of demo objects that covers their variants.

A new module gets the walk by registering its routes and adding demo data (`<app>/demo.py`); it only
touches this file (or ROUTE_MODELS in careers/core/routes.py) when a URL parameter names no model or needs a matching pair of
values (`combos`).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careers.core.routes import ROUTE_MODELS, iter_routes, model_of  # noqa: F401 (ROUTE_MODELS: see there)

# The same builders as `make run` (seed_demo), with fewer students: 40 a year still gives one per major.
STUDENTS_PER_YEAR = 40
DEMO_YEARS = (2026, 2027)  # build_demo's default years
# At most this many objects of one kind (None: any kind not listed): enough for one of each variant (see
# Sampler). Students have more: every 学籍状态 and every kind of 生源地.
MAX_PER_KIND = {None: 8, "students.Student": 12}
CANDIDATES = 400  # rows looked at per kind when choosing the sample

# The demo accounts `make run` prints, an admin inside a student's account (进入学生账户), and a back-office
# account with no permission at all (made for the walk: every page must refuse it cleanly).
ROLES = ("anonymous", "student", "employer", "counselor", "college_admin", "school_admin", "impersonating",
         "no_permission", "adviser")

WALKED = []  # (route, role, URLs asked for) of this process's walk, for the summary line (conftest.py)


class Unfillable(Exception):
    """A route whose parameters the walk cannot fill: a failure, unless the route is exempt."""


# -- the sample ----------------------------------------------------------------------------------------

def field_features(obj):
    """The variant of `obj` field by field: every choice and boolean value, and whether each optional
    relation, file or JSON value is present."""
    features = set()
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if f.choices:
            features.add((f.name, value))
        elif isinstance(f, models.BooleanField):
            features.add((f.name, bool(value)))
        elif isinstance(f, (models.FileField, models.JSONField)) or (f.is_relation and f.null):
            features.add((f.name, bool(value)))
    return features


def _region_kind(code):
    """A region code's variant: 开发区 and the like (middle digits 70–99), 市辖区 (01–20), county."""
    if not code or len(code) != 6:
        return "none"
    middle = int(code[4:]) if code[4:].isdigit() else 0
    return "zone" if middle >= 70 else "district" if middle <= 20 else "county"


def _student_features(student):
    from careers.resumes.models import Resume

    resumes = list(Resume.objects.filter(student=student))
    return {("origin", _region_kind(student.origin_region.code if student.origin_region_id else "")),
            ("resume_attachment", tuple(sorted({bool(r.attachment) for r in resumes}))),
            ("has_user", student.user_id is not None), ("enrolment_status", student.enrolment_status_id)}


def _resume_features(resume):
    return {("resume_student_origin", _region_kind(resume.student.origin_region.code
                                                   if resume.student.origin_region_id else ""))}


# Variants a model's own fields don't show (reverse relations, code kinds): model label -> features(obj).
EXTRA_FEATURES = {
    "students.Student": _student_features,
    "resumes.Resume": _resume_features,
    "codes.Code": lambda code: {("table", code.table_id)},
    "core.Job": lambda job: {("kind", job.kind), ("owner", job.created_by_id)},
}


class Sampler:
    """One object per distinct variant of each kind, chosen greedily (at most MAX_PER_KIND)."""

    def __init__(self):
        self.cache = {}

    def __call__(self, model):
        label = model._meta.label
        if label not in self.cache:
            self.cache[label] = self.choose(model)
        return self.cache[label]

    def choose(self, model):
        """Greedy cover; the explicit variants (EXTRA_FEATURES) weigh ten times a field's own value."""
        extra = EXTRA_FEATURES.get(model._meta.label)
        candidates = []
        for obj in model._base_manager.order_by("pk")[:CANDIDATES]:
            features = field_features(obj) | {("extra", f) for f in (extra(obj) if extra else ())}
            candidates.append((obj, features))

        def gain(candidate):
            return sum(10 if f[0] == "extra" else 1 for f in candidate[1] - covered)

        chosen, covered = [], set()
        while candidates and len(chosen) < MAX_PER_KIND.get(model._meta.label, MAX_PER_KIND[None]):
            obj, features = max(candidates, key=gain)
            if chosen and not features - covered:
                break
            chosen.append(obj)
            covered |= features
            candidates = [c for c in candidates if c[0] is not obj]
        return chosen


# -- the demo accounts ----------------------------------------------------------------------------------

@dataclass
class DemoSchool:
    users: dict
    sampler: Sampler = field(default_factory=Sampler)
    extra: dict = field(default_factory=dict)  # values made for the walk: reset tokens…
    sessions: dict = field(default_factory=dict)  # role -> session key, see open_sessions

    def objects(self, model, role=None):
        """The sample of `model`, plus what the role's own account holds (a student's own résumés…)."""
        sample = list(self.sampler(model))
        own = OWNED.get(model._meta.label)
        user = self.users.get(role)
        if own and user is not None:
            seen = {o.pk for o in sample}
            sample += [o for o in own(user)[:MAX_PER_KIND[None]] if o.pk not in seen]
        return sample


def _of_student(model_label, path="student"):
    def own(user):
        from careers.students.models import Student

        student = Student.objects.filter(user=user).first()
        if student is None:
            return []
        return list(apps.get_model(model_label)._base_manager.filter(**{path: student}).order_by("pk"))

    return own


def _of_employer(model_label, path="employer"):
    def own(user):
        from careers.recruitment.models import Employer

        employer = Employer.objects.filter(user=user).first()
        if employer is None:
            return []
        return list(apps.get_model(model_label)._base_manager.filter(**{path: employer}).order_by("pk"))

    return own


# The objects a role reaches through its own account, added to the sample for that role.
OWNED = {
    "resumes.Resume": _of_student("resumes.Resume"),
    "studentfiles.StudentImage": _of_student("studentfiles.StudentImage"),
    "recruitment.Job": _of_employer("recruitment.Job"),
    "recruitment.Application": _of_employer("recruitment.Application"),
    "events.Talk": _of_employer("events.Talk"),
    "events.Fair": lambda user: [p.fair for p in _of_employer("events.Participation")(user)],
    "core.Job": lambda user: list(apps.get_model("core.Job").objects.filter(created_by=user).order_by("pk")),
    "students.SavedQuery": lambda user: list(apps.get_model("students.SavedQuery").objects.filter(user=user)),
    # a booking belongs to its student and to its adviser (我的咨询)
    "counseling.Booking": lambda user: list(apps.get_model("counseling.Booking")._base_manager.filter(
        models.Q(student__user=user) | models.Q(adviser__user=user)).order_by("pk")),
    "counseling.Slot": lambda user: list(apps.get_model("counseling.Slot")._base_manager.filter(
        adviser__user=user).order_by("pk")),
    # 网上签约: the student's own and the ones sent to the unit
    "employment.OnlineAgreement": lambda user: list(apps.get_model("employment.OnlineAgreement")._base_manager.filter(
        models.Q(student__user=user) | models.Q(employer__user=user)).order_by("pk")),
    "core.MessageDelivery": lambda user: list(
        apps.get_model("core.MessageDelivery").objects.filter(recipient=user).order_by("pk")),
}


def demo_users():
    """role -> the demo account `make run` prints (None: anonymous)."""
    from careers.accounts.models import User
    from careers.core.demo import demo_credit_code

    employer = User.objects.get(username=demo_credit_code(1))  # 星辰科技有限公司, admitted, with deliveries
    from careers.students.demo import demo_student

    student = demo_student(DEMO_YEARS).user
    nobody, _ = User.objects.get_or_create(username="walk-no-permission", defaults={
        "name": "无权限管理员", "kind": User.Kind.COLLEGE_ADMIN, "must_change_password": False})
    return {"anonymous": None, "student": student, "employer": employer,
            "counselor": User.objects.get(username="30001"), "college_admin": User.objects.get(username="20001"),
            "school_admin": User.objects.get(username="10001"), "impersonating": student, "no_permission": nobody,
            "adviser": User.objects.get(username="50001")}  # 咨询师 (counseling/setup/demo.py): 我的咨询


def open_sessions(users):
    """role -> a session key logged in as the role, made once (see DemoSchool.sessions). Not for
    `impersonating`: the visit expires after 20 minutes, so each test enters the account itself."""
    from django.conf import settings
    from django.test import Client

    sessions = {}
    for role, user in users.items():
        if user is not None and role != "impersonating":
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def use_session(client, role, school):
    """Log the client in as the role, reusing the role's session when there is one (no query)."""
    from django.conf import settings

    if role in school.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = school.sessions[role]
    else:
        log_in(client, role, school.users)


def log_in(client, role, users):
    """Log the client in as the role; `impersonating`: the school admin enters the student's account
    through 进入学生账户, as a real admin does."""
    client.logout()
    user = users[role]
    if role == "impersonating":
        client.force_login(users["school_admin"])
        from careers.students.models import Student

        student = Student.objects.get(user=user)
        response = client.post(reverse("students:account_impersonate", kwargs={"pk": student.pk}))
        assert response.status_code in (302, 303), f"进入学生账户 failed: {response.status_code}"
        assert "impersonator" in client.session
    elif user is not None:
        client.force_login(user)


# -- filling the URL parameters -------------------------------------------------------------------------

def _events(school, role):
    from careers.events.models import CareerEvent, Fair, Talk

    return ([("talk", t) for t in school.objects(Talk, role)] + [("fair", f) for f in school.objects(Fair, role)]
            + [("career_event", e) for e in school.objects(CareerEvent, role)])  # issue 16


def _checkin_tokens(school, role, salt_maker):
    return [{"kind": kind, "pk": event.pk, "token": salt_maker(event)} for kind, event in _events(school, role)]


def _import_routes(school, role):
    from careers.core.imports.spec import registry

    # An upload session belongs to the user who made it: the walk asks for an unknown one (a 404 or a
    # message, never a 5xx); the pipeline's own tests walk real sessions.
    return [{"slug": slug, "token": "0" * 32} for slug in sorted(registry.specs)]


def combos():
    """Routes whose parameters go together (an order of a fair, a token of an event…): name -> kwargs maker."""
    from careers.accounts.providers import enabled_providers as providers
    from careers.events.checkin import actions as rules
    from careers.events.participants.company import FILES as COMPANY_FILES
    from careers.events.models import Order, Participation
    from careers.events.participants.views import FILES as ADMIN_FILES
    from careers.progress.models import ProgressReport
    from careers.recruitment.models import Job
    from careers.students.statistics import REGISTRY as STATISTICS
    from careers.website.models import Article, Category
    from careers.website.public.sitemaps import SITEMAPS

    return {
        "accounts:provider_start": lambda s, r: [{"key": p.key} for p in providers()] + [{"key": "unknown"}],
        "accounts:provider_callback": lambda s, r: [{"key": p.key} for p in providers()] + [{"key": "unknown"}],
        "students:statistics_run": lambda s, r: [{"key": key} for key in sorted(STATISTICS)],
        "progress:report": lambda s, r: [{"pk": x.project_id, "major_pk": x.major_id}
                                         for x in s.objects(ProgressReport, r)],
        "company:reset": lambda s, r: [{"token": t} for t in s.extra["reset_tokens"]],
        "company_events:participation_file": lambda s, r: [
            {"pk": p.fair_id, "kind": kind} for p in s.objects(Participation, r) for kind in COMPANY_FILES],
        "events:participation_file": lambda s, r: [
            {"pk": p.pk, "kind": kind} for p in s.objects(Participation, r) for kind in ADMIN_FILES],
        "company_events:payment_proof_file": lambda s, r: [
            {"pk": o.participation.fair_id, "order_pk": o.pk} for o in s.objects(Order, r)],
        "company_events:checkin": lambda s, r: [
            {"pk": e.pk, "token": rules.unit_token(e)} for kind, e in _events(s, r) if kind == "fair"]
        + [{"pk": e.pk, "token": "bad"} for kind, e in _events(s, r)[:1]],
        "portal_events:checkin": lambda s, r: _checkin_tokens(s, r, rules.student_token),
        "events:checkin_qr": lambda s, r: [{"kind": kind, "pk": e.pk} for kind, e in _events(s, r)],
        "checkin_api:scan": lambda s, r: [{"kind": kind, "id": e.pk} for kind, e in _events(s, r)[:2]],
        "checkin_api:scan_batch": lambda s, r: [{"kind": kind, "id": e.pk} for kind, e in _events(s, r)[:2]],
        "portal_recruitment:application_deliver": lambda s, r: [{"job_pk": j.pk} for j in s.objects(Job, r)],
        # 一般资讯: one add form / 操作 endpoint per content kind (issue 17)
        **{f"website:{name}": lambda s, r: [{"kind": kind} for kind in _website_kinds()]
           for name in ("article_add", "article_bulk")},
        # the portal's column and article pages (a missing one too: a 404, whether or not the demo has columns yet)
        "website_site:category": lambda s, r: [{"slug": c.slug} for c in s.objects(Category, r)]
        + [{"slug": "no-such-column"}],
        "website_site:article_detail": lambda s, r: [{"pk": a.pk} for a in s.objects(Article, r)] + [{"pk": 0}],
        # issue 17, site search/feeds/sitemap: every feed and sitemap section, a column's feeds (and an unknown one)
        **{f"website_site:feed_{fmt}": lambda s, r: [{"kind": k} for k in ("news", "notice", "unknown")]
           for fmt in ("rss", "atom")},
        **{f"website_site:category_{fmt}": lambda s, r: [{"slug": c.slug} for c in s.objects(Category, r)]
           + [{"slug": "no-such-column"}] for fmt in ("rss", "atom")},
        "website_site:sitemap_section": lambda s, r: [{"section": k} for k in (*SITEMAPS, "unknown")],
        # wechat template messages: one settings page per notification kind, the tracked read link (a real token
        # of a demo WeChat delivery, and a tampered one), 编辑重发 of the demo messages with failed deliveries
        **{f"wechat:templatesetting_{name}": lambda s, r: [{"kind": k} for k in _wechat_kinds()]
           for name in ("edit", "test")},
        "wechat_site:template_read": lambda s, r: _wechat_read_tokens(),
        **{f"wechat:{who}_message_resend": lambda s, r: _wechat_failed_messages() for who in ("student", "employer")},
        **{f"core:{name}": _import_routes for name in (
            "import_start", "import_template", "import_mapping", "import_report", "import_commit",
            "import_errors")},
        # issue 18, wechat binding: the polled QR status of every demo code (a 404 for all but its owner) and a bad one
        "wechat_site:qr_status": lambda s, r: [{"token": t} for t in _wechat_qr_tokens()] + [{"token": "no-such-code"}],
    }


def _wechat_qr_tokens():
    from careers.wechat.binding.models import QrLogin

    return list(QrLogin.objects.order_by("pk").values_list("token", flat=True)[:12])


def _website_kinds():
    from careers.website.articles.kinds import KINDS

    return KINDS


def _strip(kwargs_list, route):
    """Keep the parameters the route takes (import_start and import_template take no token)."""
    names = set(re.findall(r"<(?:\w+:)?(\w+)>", route.route))
    return [{k: v for k, v in kwargs.items() if k in names} for kwargs in kwargs_list]


def fill(route, school, role):
    """Every URL of `route` the walk asks for, as reverse() kwargs; Unfillable when it can't."""
    if "<" not in route.route:
        return [{}]
    makers = combos()
    if route.name in makers:
        urls = _strip(makers[route.name](school, role), route)
    elif set(re.findall(r"<(?:\w+:)?(\w+)>", route.route)) == {"pk"}:
        model = model_of(route)
        if model is None:
            raise Unfillable(f"{route.name}: <pk> names no model; add it to ROUTE_MODELS")
        urls = [{"pk": obj.pk} for obj in school.objects(model, role)]
    else:
        raise Unfillable(f"{route.name}: parameters of {route.route} unknown; add the route to combos()")
    unique = []
    for kwargs in urls:
        if kwargs not in unique:
            unique.append(kwargs)
    if not unique:
        raise Unfillable(f"{route.name}: the demo has no object to fill {route.route}")
    return unique


def walk_routes():
    return sorted(iter_routes(), key=lambda r: r.name)


def prepare_walk_extras():
    """Values the walk needs that demo data can't hold in the clear (reset links store only a hash)."""
    from careers.recruitment.appeals.actions import reset_link_token
    from careers.recruitment.models import AccountAppeal, PasswordResetLink

    appeal = AccountAppeal.objects.order_by("pk").first()
    tokens = ["unknown-token"]
    now = timezone.now()
    for expires, used in ((now + datetime.timedelta(minutes=30), None),
                          (now - datetime.timedelta(minutes=1), None),
                          (now + datetime.timedelta(minutes=30), now)):
        token, digest = reset_link_token()
        PasswordResetLink.objects.create(appeal=appeal, user=appeal.employer.user, token_hash=digest,
                                         email="new@example.com", expires_at=expires, used_at=used)
        tokens.append(token)
    return {"reset_tokens": tokens}


# -- wechat core: the 业务域名 verification file at the site root (the demo's, and an unknown one → 404) -------------
_combos_before_wechat_core = combos


def combos():  # noqa: F811 - extends the table above
    return {**_combos_before_wechat_core(),
            "wechat_site:mp_verify_file": lambda s, r: [{"name": "MP_verify_DemoCareers2026.txt"},
                                                        {"name": "MP_verify_Unknown0.txt"}]}
# -- wechat pay (issue 18): 测试支付 pages by PayTransaction, the unit's polling status by 费用订单 ------------------
ROUTE_MODELS.update({"wechat:pay_test_": "wechat.PayTransaction", "wechat_company:pay_order_": "events.Order"})
# -- wechat template messages (combos above) ------------------------------------------------------------------

def _wechat_kinds():
    from careers.wechat.template_messages.kinds import KINDS

    return list(KINDS)


def _wechat_read_tokens():
    from careers.core.models import MessageDelivery
    from careers.wechat.template_messages.render import read_token

    rows = list(MessageDelivery.objects.filter(channel="wechat").order_by("pk")[:2])
    return [{"token": read_token(d)} for d in rows] + [{"token": "tampered-token"}]


def _wechat_failed_messages():
    from careers.core.models import MessageDelivery

    ids = (MessageDelivery.objects.filter(channel="wechat", status=MessageDelivery.Status.FAILED)
           .order_by("message_id").values_list("message_id", flat=True).distinct()[:3])
    return [{"pk": pk} for pk in ids]
