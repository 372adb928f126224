"""What students tells other apps, so that students never imports them.

`students_created` is sent by every path that creates students (careers/students/actions.py create_students,
the benchmark seeder), inside the creating transaction, after the students and their accounts are inserted.
Keyword arguments:

    students     the created Student rows, with their pks
    batch_size   rows per INSERT a receiver should use
    context      a dict that a caller writing in batches keeps for the whole run (the import); a receiver may
                 keep what it loads there once (employment keeps its 回生源地 resolver in it)
    fill_origin  False when the receiver should write bare rows (the benchmark seeder does, as it always has)

Receivers connect in their AppConfig.ready (employment creates the 派遣信息 and 就业信息 of each student).
"""

from django.dispatch import Signal

students_created = Signal()
