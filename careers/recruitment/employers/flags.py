"""Trust signals on the employer review page (manual 4.1 审核): hints for the reviewer, never a block.

Pure functions for the domain checks (tested with hypothesis), and `flags_for(employer)`, which runs a
fixed, small number of queries (shared phone, recent rejections) for one unit.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils import timezone

FREE_MAIL = frozenset({
    "qq.com", "vip.qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "vip.163.com", "vip.126.com",
    "sina.com", "sina.cn", "vip.sina.com", "sohu.com", "139.com", "189.cn", "wo.cn", "aliyun.com", "tom.com",
    "21cn.com", "gmail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com",
})
# Second-level labels under which a registrable domain has three labels (example.com.cn).
SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "mil"})
LARGE_SIZES = frozenset({"500-1000", "1000-5000", "gt5000"})
SHARED_PHONE_UNITS = 3  # this many units (this one included) on one phone number is a flag
REJECTION_DAYS = 90


def email_domain(email):
    """The lower-case domain of an e-mail address ('' when there is none)."""
    email = (email or "").strip()
    if "@" not in email:
        return ""
    return _host(email.rsplit("@", 1)[1])


def _host(host):
    host = host.strip().strip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return host


def website_host(url):
    """The lower-case host of a website address, with or without a scheme ('' when none)."""
    url = (url or "").strip()
    if not url:
        return ""
    if "//" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return _host(host)


def registrable_domain(host):
    """example.com for www.hr.example.com; example.com.cn for mail.example.com.cn."""
    labels = [label for label in (host or "").split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_free_mail(email):
    domain = email_domain(email)
    return domain in FREE_MAIL or registrable_domain(domain) in FREE_MAIL


def email_site_mismatch(email, website):
    """True when both are given and the e-mail is not on the website's domain (free mail excluded)."""
    domain, host = email_domain(email), website_host(website)
    if not domain or not host or is_free_mail(email):
        return False
    return registrable_domain(domain) != registrable_domain(host)


def free_mail_for_large_unit(email, size):
    return size in LARGE_SIZES and is_free_mail(email)


@dataclass
class Flag:
    key: str
    title: str
    detail: str
    related: list = field(default_factory=list)  # [(label, url or "")]


def recent_rejections(employer, *, days=REJECTION_DAYS, limit=10):
    """Rejections by the school in the last `days` of a unit with the same credit code, name or phone.

    Read from the change history (every rejection saves the row with its reason), so a unit that
    re-registers under another account or resubmits is still seen. [(name, reviewed_at, note, pk)]
    """
    from .models import Employer, name_key

    since = timezone.now() - datetime.timedelta(days=days)
    same = Q(credit_code=employer.credit_code) | Q(name_key=name_key(employer.name))
    if employer.phone:
        same |= Q(phone=employer.phone)
    rows = (Employer.history.filter(same, review_status="rejected", reviewed_at__gte=since)
            .order_by("-reviewed_at").values_list("id", "name", "reviewed_at", "review_note")
            .distinct()[:limit * 3])
    seen, hits = set(), []
    for pk, name, reviewed_at, note in rows:
        if (pk, reviewed_at) not in seen:
            seen.add((pk, reviewed_at))
            hits.append((name, reviewed_at, note, pk))
    return hits[:limit]


def flags_for(employer, *, registry_record=None, detail_url=None):
    """Every flag for one unit (three queries at most). `detail_url(pk)` links related units."""
    from .models import Employer

    link = detail_url or (lambda pk: "")
    flags = []
    if email_site_mismatch(employer.email, employer.website):
        flags.append(Flag("email_domain", "邮箱域名与单位网址不一致",
                          f"邮箱 {employer.email} 的域名与单位网址 {employer.website} 不同，请核实联系人身份。"))
    if free_mail_for_large_unit(employer.email, employer.size):
        flags.append(Flag("free_mail", "大型单位使用免费邮箱",
                          f"单位规模为 {employer.get_size_display()}，联系邮箱却是免费邮箱（{email_domain(employer.email)}）。"))
    if employer.phone:
        others = list(Employer.objects.filter(phone=employer.phone).exclude(pk=employer.pk)
                      .order_by("name").values_list("pk", "name")[:20])
        if len(others) + 1 >= SHARED_PHONE_UNITS:
            flags.append(Flag("shared_phone", "多个单位使用同一联系电话",
                              f"联系电话 {employer.phone} 还被其他 {len(others)} 个单位使用。",
                              [(name, link(pk)) for pk, name in others]))
    rejections = recent_rejections(employer)
    if rejections:
        flags.append(Flag("recent_rejection", f"近 {REJECTION_DAYS} 天内曾被学校审核不通过",
                          "相同统一社会信用代码、单位名称或联系电话的注册曾被退回。",
                          [(f"{name}（{timezone.localtime(at):%Y-%m-%d}：{note or '无原因'}）", link(pk))
                           for name, at, note, pk in rejections]))
    if registry_record is not None and not registry_record.is_active:
        flags.append(Flag("registry_status", f"工商登记状态为“{registry_record.status or '未知'}”",
                          "工商信息显示该单位不是存续（在业）状态，请核实是否仍在经营。"))
    return flags
