from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "careers.followup"
    label = "followup"
    verbose_name = "就业跟踪台账"
