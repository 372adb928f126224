"""网站参数 / 网站信息 writes. 网站参数 is school-wide: only school admins holding its change permission save it.
Saves are logged by the models' history; the caches are dropped by siteinfo/cache.py's signals."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from careers.core.scoping import account, may, require_school

from .models import InfoBlock, SiteSettings

SETTINGS_CHANGE = "website.sitesettings.change"


def load_settings():
    return SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)


@transaction.atomic
def save_settings(settings_obj, *, acting_user):
    require_school(acting_user, SETTINGS_CHANGE, "只有学校管理员可以修改网站参数。")
    settings_obj.pk = 1
    settings_obj._history_user = account(acting_user)
    settings_obj.save()
    return settings_obj


def save_block(block, *, acting_user):
    if not may(acting_user, InfoBlock, "change" if block.pk else "add"):
        raise PermissionDenied("您没有修改网站信息的权限。")
    with transaction.atomic():
        block._history_user = account(acting_user)
        block.save()
    return block
