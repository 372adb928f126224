from django.apps import AppConfig


class CodesConfig(AppConfig):
    name = "careers.codes"
    label = "codes"
    verbose_name = "代码管理"

    def ready(self):
        from careers.core.validators import register_region_codes

        from . import importers  # noqa: F401  (registers the "codes.code" import spec)
        from .data.regions import region_codes

        # 身份证号 region prefixes: the division table knows development zones that python-stdnum does not
        register_region_codes(region_codes)
