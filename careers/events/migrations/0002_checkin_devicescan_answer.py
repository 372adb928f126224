# checkin area: DeviceScan keeps the answer it gave (student, message) so a replayed offline scan gets
# the same answer back. Additive only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0001_initial"),
        ("students", "0003_remove_student_students_st_graduat_c0a631_idx_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="devicescan",
            name="message",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="devicescan",
            name="student",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="students.student"),
        ),
    ]
