"""网站参数 and 网站信息 as every public page reads them: from the cache, invalidated by any save or delete (signals
below, connected by the app's registry.py), so an admin's change shows at once without a deploy.

    current_settings() -> SiteSettings   the saved row, or an unsaved one with the defaults
    logo_url() -> str                     the logo's public URL, "" without one
    info_block(code) -> InfoBlock | None  a shown block by its code
"""

from django.core.cache import cache

from careers.core import cache_versions

from .models import InfoBlock, SiteSettings

SETTINGS_KEY = "website:settings"
BLOCK_KEY = "website:block:{}"
TIMEOUT = 3600
_MISSING = "-"


def current_settings():
    value = cache.get(SETTINGS_KEY)
    if value is None:
        value = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
        cache.set(SETTINGS_KEY, value, TIMEOUT)
    return value


def logo_url():
    """The 网站标志's public URL (busted by the settings' save time), "" without a logo."""
    from django.urls import reverse

    site = current_settings()
    if not site.logo:
        return ""
    stamp = int(site.updated_at.timestamp()) if site.updated_at else 0
    return f"{reverse('website_site:site_logo')}?v={stamp}"


def info_block(code):
    key = BLOCK_KEY.format(code)
    value = cache.get(key)
    if value is None:
        value = InfoBlock.objects.filter(code=code, is_visible=True).first() or _MISSING
        cache.set(key, value, TIMEOUT)
    return None if value == _MISSING else value


def forget_settings(**kwargs):
    cache_versions.now_and_after_commit(lambda: cache.delete(SETTINGS_KEY))


def forget_block(sender, instance, **kwargs):
    keys = {BLOCK_KEY.format(instance.code)}
    loaded = getattr(instance, "_loaded_values", {}) or {}
    if loaded.get("code"):
        keys.add(BLOCK_KEY.format(loaded["code"]))  # a renamed code: the old key too
    cache_versions.now_and_after_commit(lambda: cache.delete_many(list(keys)))


def connect():
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(forget_settings, sender=SiteSettings, dispatch_uid=f"website-settings-{signal}")
        signal.connect(forget_block, sender=InfoBlock, dispatch_uid=f"website-block-{signal}")
