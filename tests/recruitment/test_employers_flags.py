"""Trust flags: the domain rules (hypothesis) and the flags on the review page (never blocking)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from django.urls import reverse
from django.utils import timezone

from careers.recruitment.employers import actions
from careers.recruitment.employers import flags
from careers.recruitment.models import EmployerStatus
from careers.recruitment.employers.registry_client import RegistryRecord
from tests.factories import EmployerFactory

label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12).filter(
    lambda s: not s.startswith("-"))
domain = st.builds(lambda a, b, tld: f"{a}.{b}.{tld}", label, label, st.sampled_from(["com", "cn", "net", "org"]))


@given(domain, st.sampled_from(["", "www.", "hr.", "mail."]), st.sampled_from(["http://", "https://", ""]),
       st.sampled_from(["", "/", "/about?x=1"]))
def test_email_on_the_websites_domain_is_not_flagged(host, sub, scheme, path):
    base = flags.registrable_domain(host)
    assert not flags.email_site_mismatch(f"hr@{sub}{base}", f"{scheme}www.{base}{path}")
    assert not flags.email_site_mismatch(f"HR@{base.upper()}", f"{scheme}{base}")


@given(label, label)
def test_email_on_another_domain_is_flagged(a, b):
    if a == b:
        return
    assert flags.email_site_mismatch(f"x@{a}.com", f"https://www.{b}.com")


@given(st.sampled_from(sorted(flags.FREE_MAIL)), st.text(max_size=30))
def test_free_mail_is_never_a_domain_mismatch_but_is_flagged_for_large_units(free, website):
    email = f"someone@{free}"
    assert flags.is_free_mail(email)
    assert not flags.email_site_mismatch(email, website)
    for size in flags.LARGE_SIZES:
        assert flags.free_mail_for_large_unit(email, size)
    assert not flags.free_mail_for_large_unit(email, "lt50")


@given(st.text(max_size=40), st.text(max_size=40))
def test_domain_functions_never_crash(email, website):
    flags.email_site_mismatch(email, website)
    flags.free_mail_for_large_unit(email, "gt5000")
    assert flags.registrable_domain(flags.website_host(website)) is not None


def test_second_level_country_domains():
    assert flags.registrable_domain("mail.example.com.cn") == "example.com.cn"
    assert flags.registrable_domain("hr.example.cn") == "example.cn"
    assert not flags.email_site_mismatch("hr@example.com.cn", "http://www.example.com.cn")
    assert flags.email_site_mismatch("hr@other.com.cn", "http://www.example.com.cn")
    assert not flags.email_site_mismatch("hr@example.com", "")  # no website: nothing to compare


@pytest.mark.django_db
def test_flags_for_a_unit(school_admin):
    employer = EmployerFactory(email="boss@qq.com", size="gt5000", website="https://www.big.example.com",
                               phone="027-88880000")
    EmployerFactory(phone="027-88880000", name="同号单位一有限公司")
    keys = {f.key for f in flags.flags_for(employer)}
    assert keys == {"free_mail"}  # two units on one phone is not yet a pattern
    EmployerFactory(phone="027-88880000", name="同号单位二有限公司")
    found = {f.key: f for f in flags.flags_for(employer, registry_record=RegistryRecord("x", "y", status="吊销"))}
    assert set(found) == {"free_mail", "shared_phone", "registry_status"}
    assert [name for name, _ in found["shared_phone"].related] == ["同号单位一有限公司", "同号单位二有限公司"]
    other = EmployerFactory(email="hr@elsewhere.example.org", website="https://www.mine.example.com")
    assert {f.key for f in flags.flags_for(other)} == {"email_domain"}


@pytest.mark.django_db
def test_recent_rejection_is_flagged_for_a_new_registration_of_the_same_unit(client, school_admin):
    rejected = EmployerFactory(name="可疑招聘有限公司", phone="13811112222")
    actions.reject(rejected, reason="虚假招聘信息", acting_user=school_admin)
    again = EmployerFactory(name="另一个名字有限公司", phone="13811112222")  # same phone, new name
    found = {f.key: f for f in flags.flags_for(again)}
    assert "recent_rejection" in found and "虚假招聘信息" in found["recent_rejection"].related[0][0]
    client.force_login(school_admin)
    page = client.get(reverse("recruitment:employer_detail", args=[again.pk])).content.decode()
    assert 'data-flag="recent_rejection"' in page and 'id="approve"' in page  # shown, never blocking
    actions.approve(again, acting_user=school_admin)
    again.refresh_from_db()
    assert again.status == EmployerStatus.ADMITTED
    # older than 90 days: no longer flagged
    type(rejected).history.filter(id=rejected.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=91))
    assert "recent_rejection" not in {f.key for f in flags.flags_for(again)}
