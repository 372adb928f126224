"""The students app's card on the back-office home page (registered in registry.py)."""

from django.db.models import Count

from ..models import Student


def students_by_college(request):
    """Operating-year students per college, within the user's scope; None without permission."""
    if not request.user.has_permission("students.student.view"):
        return None
    rows = (Student.objects.restrict(request.user, "view")
            .filter(graduation_year=request.operating_year)
            .values("major__college__name").annotate(total=Count("pk")).order_by("major__college__sort"))
    return {"students_by_college": [{"college": r["major__college__name"], "total": r["total"]} for r in rows]}
