"""The student is told in the inbox when an admin decided on their 派遣信息 or 就业信息 (core.review.review_decided,
connected in registry.py)."""

from careers.students.records.notify import tell_students


def dispatch_decided(sender, records, approved, note, **kwargs):
    tell_students(records, approved=approved, note=note, noun="派遣信息", page="employment_portal:dispatch")


def employment_decided(sender, records, approved, note, **kwargs):
    tell_students(records, approved=approved, note=note, noun="就业信息", page="employment_portal:employment_home")
