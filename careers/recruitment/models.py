"""招聘服务管理 (manual 4.1–4.4): employers, account appeals, jobs, applications (简历投递), job matching.

Each area keeps its models in `<area>/models.py`; this module re-exports every one of them, so Django's app
registry finds them and `from careers.recruitment.models import X` keeps working (app_label "recruitment")."""

from .appeals.models import AccountAppeal, PasswordResetLink  # noqa: F401
from .applications.models import Application  # noqa: F401
from .employers.models import Employer, EmployerStatus  # noqa: F401
from .jobs.models import Job, JobStatus  # noqa: F401
from .matching.models import JobMatch, MatchOptOut, MatchRun  # noqa: F401
