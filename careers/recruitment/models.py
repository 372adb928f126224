"""招聘服务管理 (manual 4.1–4.4): employers, account appeals, jobs, applications (简历投递), job matching."""

from .appeals import AccountAppeal, PasswordResetLink  # noqa: F401
from .applications import Application  # noqa: F401
from .employers import Employer, EmployerStatus  # noqa: F401
from .jobs import Job, JobStatus  # noqa: F401
from .matching import JobMatch, MatchOptOut, MatchRun  # noqa: F401
