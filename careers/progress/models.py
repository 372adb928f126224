"""就业进展情况: progress-report projects that colleges fill in per major within a window."""

from django.db import models  # noqa: F401
