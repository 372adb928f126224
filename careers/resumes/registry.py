"""What the resumes app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.dashboard import dashboard_card
from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from .hub import resume_card

seed_step("resumes", "careers.resumes.demo")
# the student hub (/me/): the latest résumé's completeness
dashboard_card("resumes.latest", "resumes/portal/cards/resume.html", resume_card, board="student", order=70)
