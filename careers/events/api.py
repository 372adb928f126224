"""The check-in device API (django-ninja, OpenAPI at /api/checkin/docs). The check-in area adds its
routes to `api`; mounted at /api/checkin/."""

from ninja import NinjaAPI

api = NinjaAPI(title="签到设备接口", version="1", urls_namespace="checkin_api", docs_url="/docs")
