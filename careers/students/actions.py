"""Student actions: views, imports, tasks and commands all create and change students here."""

from django.db import transaction

from careers.accounts.models import User
from careers.codes.models import Code
from careers.core.bulk import fast_insert, fast_insert_history, instances_like

from .models import Student
from .signals import students_created

UNUSABLE_INITIAL = "!initial-credential"  # an unusable hash: the initial credential is checked elsewhere


def active_status():
    return Code.objects.of("enrolment_status").get(code="01")


def birth_date_from_id(id_number):
    """出生日期 as encoded in a resident ID number (None if it is not a valid one, by the shared rule)."""
    from careers.core import validators

    if not validators.is_id_number(id_number):
        return None
    return validators.id_number_birth_date(validators.validate_id_number(id_number))


def new_student_account(student):
    return User(**account_values(student))


def account_values(student):
    return {"username": student.student_number, "name": student.name, "kind": User.Kind.STUDENT,
            "email": student.email, "phone": student.phone, "password": UNUSABLE_INITIAL,
            "initial_credential": True, "must_change_password": True}


@transaction.atomic
def create_students(students, *, acting_user=None, batch_size=1000, status=None, context=None):
    """Create unsaved `Student`s with their login account; other apps add their records (employment: the
    dispatch and employment records) on `students_created`, in the same transaction.

    One transaction, a fixed number of queries per batch; no password is hashed (students log
    in first with the last 6 of their ID number, see accounts.backends). A caller writing in
    batches (the import) passes the 在籍 `status` and a `context` dict it keeps for the whole run,
    so each batch does not load them again (careers/students/signals.py).
    """
    if not students:
        return []
    for student in students:
        if student.birth_date is None:
            student.birth_date = birth_date_from_id(student.id_number)
        if student.enrolment_status_id is None:
            status = status or active_status()
            student.enrolment_status = status
        student.is_active = True if student.enrolment_status_id == getattr(status, "pk", None) else \
            student.enrolment_status.extra.get("active") == "1"
    # accounts built like the dispatch/employment rows below: Model.__init__ per row costs more than the COPY
    users = fast_insert(User, instances_like(User, (account_values(s) for s in students)), batch_size=batch_size)
    for student, user in zip(students, users):
        student.user = user
    created = fast_insert(Student, students, batch_size=batch_size)
    if created and created[0].pk is None:  # backends that don't return ids
        by_number = dict(Student.objects.filter(student_number__in=[s.student_number for s in students])
                         .values_list("student_number", "pk"))
        for student in created:
            student.pk = by_number[student.student_number]
    # history rows as simple-history's bulk_history_create writes them; no per-row operation log
    # (bulk inserts never sent post_create_historical_record): callers log one event
    fast_insert_history(Student, created, user=acting_user, reason=None, batch_size=batch_size)
    students_created.send(sender=Student, students=created, batch_size=batch_size, context=context)
    return created


def create_student(student, *, acting_user):
    """Single entry (录入单条学生记录): same path as the import, audited as one creation."""
    from careers.core.history import log_event

    student.full_clean(exclude=["user", "enrolment_status"])
    (created,) = create_students([student], acting_user=acting_user)
    log_event("create", module="students", obj=created, user=acting_user, message="录入学生记录（含账号、派遣、就业记录）")
    return created


def reset_initial_credentials(users, *, acting_user):
    """初始化密码: back to the ID number's last 6, to be changed at next login. No hashing."""
    from careers.core.history import log_event

    ids = [u.pk for u in users]
    count = User.objects.filter(pk__in=ids, kind=User.Kind.STUDENT).update(
        password=UNUSABLE_INITIAL, initial_credential=True, must_change_password=True)
    log_event("update", module="students", user=acting_user, message=f"初始化 {count} 个学生账号的密码",
              changes={"accounts": ["", ",".join(u.username for u in users[:50])]})
    return count


def serialize_value(value):
    """Form value -> JSON for `pending_changes` (model instances by primary key)."""
    return value.pk if hasattr(value, "pk") else value


@transaction.atomic
def submit_self_service_changes(student, data, *, acting_user):
    """A student edits their own record (学生端完善信息).

    Non-key fields apply at once; changed KEY_FIELDS are stored in `pending_changes` and the
    record goes to 待审核 until an admin reviews it (see review actions). Returns the names
    of the fields now waiting for review.
    """
    from django.utils import timezone

    waiting = dict(student.pending_changes)
    direct = []
    for name in Student.SELF_SERVICE_FIELDS:
        if name not in data:
            continue
        new = serialize_value(data[name])
        current = serialize_value(getattr(student, name))
        if name in Student.KEY_FIELDS:
            if new != current:
                waiting[name] = new
            else:
                waiting.pop(name, None)
        elif new != current:
            setattr(student, name, data[name])
            direct.append(name)
    student.pending_changes = waiting
    if waiting:
        student.review_status = Student.ReviewStatus.PENDING
        student.submitted_at = timezone.now()
    elif student.review_status == Student.ReviewStatus.PENDING:
        student.review_status = Student.ReviewStatus.APPROVED
    student._change_reason = "学生本人修改"
    student.save()
    return sorted(waiting)
