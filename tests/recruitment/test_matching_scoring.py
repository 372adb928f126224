"""职位智能匹配: the pure scoring rule (hard filters, weights, reasons, bounds and monotonicity)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.recruitment.matching.scoring import JobFacts, Profile, best_score, score

WUHAN = (("420111", "洪山区"), ("420100", "武汉市"), ("420000", "湖北省"))
YICHANG = (("420500", "宜昌市"), ("420000", "湖北省"))
BEIJING = (("110100", "北京市"), ("110000", "北京市"))
SOFTWARE = (("65", "软件和信息技术服务业"), ("I", "信息传输、软件和信息技术服务业"))
TELECOM = (("63", "电信、广播电视和卫星传输服务"), ("I", "信息传输、软件和信息技术服务业"))
BANKING = (("66", "货币金融服务"), ("J", "金融业"))


def job(**kw):
    base = dict(id=1, job_type="fulltime", region_chain=WUHAN, education=("31", "本科"), disciplines=frozenset({"08"}),
                industry_chain=SOFTWARE, salary_min=8000, salary_max=12000)
    return JobFacts(**{**base, **kw})


def profile(**kw):
    base = dict(job_type="fulltime", discipline=("08", "工学"), education=("31", "本科"),
                regions=(("420100", "武汉市", "420000"),), industry=("65", "软件和信息技术服务业", "I"),
                salary_min=7000, salary_max=10000)
    return Profile(**{**base, **kw})


def test_perfect_match_scores_100_with_every_reason():
    total, reasons = score(job(), profile())
    assert total == 100
    assert reasons == ["专业对口：工学", "学历符合：本科", "期望地区：武汉市", "期望行业：软件和信息技术服务业",
                       "薪资符合期望", "工作类型：全职"]


def test_hard_filters():
    assert score(job(job_type="internship"), profile()) is None  # type
    assert score(job(disciplines=frozenset({"12"})), profile()) is None  # major
    assert score(job(education=("11", "硕士")), profile()) is None  # 本科 student, 硕士 job
    assert score(job(region_chain=BEIJING), profile()) is None  # another province
    assert score(job(education=("31", "本科")), profile(education=None)) is None


def test_higher_education_is_accepted_and_unrestricted_fields_are_neutral():
    total, reasons = score(job(education=("41", "专科")), profile())
    assert "学历符合：专科及以上" in reasons and total == 96
    total, reasons = score(job(disciplines=frozenset(), education=None), profile())
    assert total == 100 - 15 - 2
    assert not any(r.startswith("专业") or r.startswith("学历") for r in reasons)


def test_region_hierarchy():
    # a district inside the expected city, the province itself, a city in the same province only
    assert "期望地区：武汉市" in score(job(region_chain=WUHAN), profile())[1]
    assert score(job(region_chain=WUHAN), profile(regions=(("420000", "湖北省", "420000"),)))[1][2] == "期望地区：湖北省"
    total, reasons = score(job(region_chain=YICHANG), profile())
    assert "期望省份：湖北省" in reasons and total == 90
    total, reasons = score(job(region_chain=BEIJING), profile(regions=()))
    assert total == 85 and not any("地区" in r for r in reasons)
    # the most specific expectation is named
    both = profile(regions=(("420000", "湖北省", "420000"), ("420100", "武汉市", "420000")))
    assert "期望地区：武汉市" in score(job(), both)[1]


def test_industry_section_parent():
    assert "期望行业：信息传输、软件和信息技术服务业" in score(job(), profile(industry=("I", "信息传输、软件和信息技术服务业", None)))[1]
    total, reasons = score(job(industry_chain=TELECOM), profile())
    assert "相近行业：信息传输、软件和信息技术服务业" in reasons and total == 93
    total, reasons = score(job(industry_chain=BANKING), profile())
    assert total == 85 and not any("行业" in r for r in reasons)


def test_salary():
    assert "薪资符合期望" in score(job(salary_min=9000, salary_max=15000), profile())[1]
    assert "薪资高于期望" in score(job(salary_min=12000, salary_max=15000), profile())[1]
    low = score(job(salary_min=3000, salary_max=5000), profile())
    assert low[0] == 85 and not any("薪资" in r for r in low[1])
    assert score(job(salary_min=None, salary_max=None), profile())[0] == 92  # 面议


def test_best_score_takes_the_best_resume():
    internship = profile(job_type="internship")
    assert best_score(job(job_type="internship"), [profile(), internship])[0] == 100
    assert best_score(job(job_type="parttime"), [profile(), internship]) is None


# -- properties ---------------------------------------------------------------------------------------

salaries = st.one_of(st.none(), st.integers(1000, 50000))
regions = st.sampled_from([WUHAN, YICHANG, BEIJING])
industries = st.sampled_from([SOFTWARE, TELECOM, BANKING, ()])
educations = st.sampled_from([None, ("01", "博士"), ("11", "硕士"), ("31", "本科"), ("41", "专科")])
disciplines = st.frozensets(st.sampled_from(["07", "08", "12"]), max_size=2)
jobs = st.builds(job, region_chain=regions, industry_chain=industries, education=educations,
                 disciplines=disciplines, salary_min=salaries, salary_max=salaries,
                 job_type=st.sampled_from(["fulltime", "internship"]))
profiles = st.builds(
    profile, education=educations, discipline=st.sampled_from([None, ("08", "工学"), ("12", "管理学")]),
    regions=st.sampled_from([(), (("420100", "武汉市", "420000"),), (("110000", "北京市", "110000"),)]),
    industry=st.sampled_from([None, ("65", "软件和信息技术服务业", "I"), ("J", "金融业", None)]),
    salary_min=salaries, salary_max=salaries, job_type=st.sampled_from(["fulltime", "internship"]))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles)
def test_score_is_bounded_and_explained(j, p):
    result = score(j, p)
    if result is not None:
        total, reasons = result
        assert 0 <= total <= 100
        assert all(isinstance(r, str) and "：" in r or r.startswith("薪资") for r in reasons)
        assert reasons[-1].startswith("工作类型")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles, st.integers(1, 20000))
def test_a_better_paid_job_never_scores_lower(j, p, raise_by):
    richer = JobFacts(**{**j.__dict__, "salary_min": j.salary_min and j.salary_min + raise_by,
                         "salary_max": j.salary_max and j.salary_max + raise_by})
    before, after = score(j, p), score(richer, p)
    assert (before is None) == (after is None)
    if before is not None:
        assert after[0] >= before[0]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jobs, profiles)
def test_naming_the_students_discipline_never_lowers_the_score(j, p):
    if p.discipline is None:
        return
    targeted = JobFacts(**{**j.__dict__, "disciplines": frozenset({p.discipline[0]})})
    before, after = score(j, p), score(targeted, p)
    if before is not None:
        assert after is not None and after[0] >= before[0]


# -- the fast matcher gives exactly what scoring every pair gives ------------------------------------------

job_lists = st.lists(jobs, min_size=0, max_size=25)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(job_lists, st.lists(profiles, min_size=1, max_size=3), st.integers(1, 6))
def test_matcher_equals_brute_force(job_list, student_profiles, limit):
    from careers.recruitment.matching.run import Matcher
    from careers.recruitment.matching.scoring import MIN_SCORE

    job_list = [JobFacts(**{**j.__dict__, "id": i + 1}) for i, j in enumerate(job_list)]
    expected = []
    for j in job_list:
        result = best_score(j, student_profiles)
        if result is not None and result[0] >= MIN_SCORE:
            expected.append((j.id, result[0], result[1]))
    expected.sort(key=lambda item: (-item[1], -item[0]))
    assert Matcher(job_list, limit).for_student(student_profiles) == expected[:limit]
    # leaving out jobs already sent gives the next best ones
    sent = frozenset(item[0] for item in expected[:1])
    assert Matcher(job_list, limit).for_student(student_profiles, sent) == [
        item for item in expected if item[0] not in sent][:limit]
