"""App-wide: every new student gets one record of each area (派遣信息 and 就业信息), via students' signal."""

from careers.core.bulk import fast_insert, instances_like

from .dispatch.authorities import OriginResolver
from .models import DispatchRecord, EmploymentRecord

CONTEXT_KEY = "employment.origin"  # the 回生源地 resolver kept in the sender's context for a whole import


def create_records(sender, students, batch_size=1000, context=None, fill_origin=True, **kwargs):
    """Receiver of careers.students.signals.students_created, in the creating transaction.

    Dispatch records start as 回生源地; the resolver answers every student with two queries in all.
    Nobody reads the new records' keys: the tables number them (set_pks=False)."""
    if not students:
        return
    if fill_origin:
        if context is None:
            origin = OriginResolver()
        else:
            origin = context.get(CONTEXT_KEY) or context.setdefault(CONTEXT_KEY, OriginResolver())
        origin.prime(students)
        dispatch_values = ({"student_id": s.pk, **origin.values(s)} for s in students)
    else:
        dispatch_values = ({"student_id": s.pk} for s in students)
    fast_insert(DispatchRecord, instances_like(DispatchRecord, dispatch_values), batch_size=batch_size,
                set_pks=False)
    fast_insert(EmploymentRecord, instances_like(EmploymentRecord, ({"student_id": s.pk} for s in students)),
                batch_size=batch_size, set_pks=False)
