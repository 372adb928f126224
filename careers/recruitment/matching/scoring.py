"""The matching rule: hard filters, then a weighted, explainable score out of 100.

Pure Python on plain values (no ORM), so the nightly run, the tests and the student page use one rule.

A student is matched through each of their résumés (`Profile`); a job fits the student when it fits
one résumé, and the score and reasons are those of the best-fitting résumé.

Hard filters (the job is never proposed when one fails):

* 工作类型  the job's type is the résumé's job type;
* 学历      a job requiring an education level accepts that level and higher (codes 01 博士 < 11 硕士
            < 31 本科 < 41 专科: a smaller code is a higher level); no requirement = 不限;
* 专业      a job naming 专业类别 accepts students whose major belongs to one of them; none = 不限;
* 地区      when the résumé names expected regions, the job must lie in the same province as one of them.

Weighted criteria (points; the sum is the score, 0–100):

    专业   30 discipline named by the job and the student's      15 job open to every major
    学历   10 exactly the level required                         8 不限      6 a higher level than required
    地区   25 inside an expected region (city, county, province) 15 same province only   10 no expectation
    行业   15 the employer's industry is (inside) the expected   8 same section (门类)   6 no expectation  0 other
    薪资   15 ranges overlap, or the job pays more               7 either side 面议/unset   0 job pays less
    类型    5 (always, the type is a hard filter)

A job is proposed when its score reaches MIN_SCORE. Each criterion that counts for the student gives a
Chinese reason (“专业对口：工学”, “期望地区：武汉市”, “薪资符合期望”), shown to the student.
"""

from dataclasses import dataclass, field

MIN_SCORE = 50
WEIGHTS = {"major": 30, "education": 10, "region": 25, "industry": 15, "salary": 15, "type": 5}
TYPE_LABELS = {"fulltime": "全职", "internship": "实习", "parttime": "兼职"}


@dataclass(frozen=True)
class JobFacts:
    """What matching needs of a job. Region and industry chains run from the code itself up to the root."""

    id: int
    job_type: str
    region_chain: tuple = ()        # ((code, name), (parent code, name), ...) e.g. 洪山区, 武汉市, 湖北省
    education: tuple | None = None  # (code, short name) or None = 不限
    disciplines: frozenset = frozenset()  # discipline codes; empty = 不限
    discipline_names: tuple = ()    # ((code, name), ...)
    industry_chain: tuple = ()      # ((division code, name), (section code, name))
    salary_min: int | None = None
    salary_max: int | None = None

    @property
    def province(self):
        return self.region_chain[-1][0] if self.region_chain else None


@dataclass(frozen=True)
class Profile:
    """A student's expectations as one résumé states them, with the student's major."""

    job_type: str
    discipline: tuple | None = None      # (code, name) of the major's 专业类别
    education: tuple | None = None       # (code, short name) of the major's 学历
    regions: tuple = ()                  # ((code, name, province code), ...); empty = 不限
    industry: tuple | None = None        # (code, name, section code or None); None = 不限
    salary_min: int | None = None
    salary_max: int | None = None
    key: tuple = field(default=(), compare=False)

    def cache_key(self):
        return (self.job_type, self.discipline, self.education, self.regions, self.industry, self.salary_min,
                self.salary_max)


# -- the criteria: each returns (points, reason or "") or None when it is a hard filter that fails --------

def education_level(code):
    """Smaller is higher (01 博士 … 41 专科); codes that are not numbers sort last."""
    return int(code) if code and code.isdecimal() else 99


def major_points(job, profile):
    if not job.disciplines:
        return 15, ""
    if profile.discipline and profile.discipline[0] in job.disciplines:
        return 30, f"专业对口：{profile.discipline[1]}"
    return None


def education_points(job, profile):
    if job.education is None:
        return 8, ""
    if profile.education is None:
        return None
    required, own = education_level(job.education[0]), education_level(profile.education[0])
    if own == required:
        return 10, f"学历符合：{job.education[1]}"
    if own < required:
        return 6, f"学历符合：{job.education[1]}及以上"
    return None


def region_points(job, profile):
    if not profile.regions:
        return 10, ""
    chain_codes = [code for code, _ in job.region_chain]
    for code, name, _ in sorted(profile.regions, key=lambda r: _depth(chain_codes, r[0])):
        if code in chain_codes:
            return 25, f"期望地区：{name}"
    province = job.province
    for _, _, expected_province in profile.regions:
        if expected_province == province:
            return 15, f"期望省份：{job.region_chain[-1][1]}"
    return None


def _depth(chain_codes, code):
    """The most specific expected region first (the job's own code, then its city, then its province)."""
    return chain_codes.index(code) if code in chain_codes else len(chain_codes)


def industry_points(job, profile):
    if profile.industry is None:
        return 6, ""
    code, name, section = profile.industry
    chain = [c for c, _ in job.industry_chain]
    if code in chain:
        return 15, f"期望行业：{name}"
    if job.industry_chain and section and job.industry_chain[-1][0] == section:
        return 8, f"相近行业：{job.industry_chain[-1][1]}"
    return 0, ""


def salary_points(job, profile):
    if (job.salary_min is None and job.salary_max is None) or (
            profile.salary_min is None and profile.salary_max is None):
        return 7, ""
    job_top = job.salary_max if job.salary_max is not None else job.salary_min
    wanted_low = profile.salary_min if profile.salary_min is not None else 0
    if job_top < wanted_low:
        return 0, ""
    job_low = job.salary_min if job.salary_min is not None else job.salary_max
    if profile.salary_max is not None and job_low > profile.salary_max:
        return 15, "薪资高于期望"
    return 15, "薪资符合期望"


def type_points(job, profile):
    if job.job_type != profile.job_type:
        return None
    return 5, f"工作类型：{TYPE_LABELS.get(job.job_type, job.job_type)}"


CRITERIA = (major_points, education_points, region_points, industry_points, salary_points, type_points)


def score(job, profile):
    """(score, reasons) of `job` for one résumé, or None when a hard filter fails."""
    total, reasons = 0, []
    for criterion in CRITERIA:
        result = criterion(job, profile)
        if result is None:
            return None
        points, reason = result
        total += points
        if reason:
            reasons.append(reason)
    return total, reasons


def best_score(job, profiles):
    """The best (score, reasons) over a student's résumés, or None when the job fits none of them."""
    best = None
    for profile in profiles:
        result = score(job, profile)
        if result is not None and (best is None or result[0] > best[0]):
            best = result
    return best
