from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("wechat", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminderpreference",
            name="daily_talks_sent_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="每日宣讲会提醒发送日期"),
        ),
    ]
