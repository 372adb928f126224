"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from . import views as v

backoffice = [
    path("pay/settings/", v.MerchantSettingsView.as_view(), name="merchantsettings_edit"),
    path("pay/test/", v.TestPaymentStartView.as_view(), name="pay_test"),
    path("pay/test/<int:pk>/", v.TestPaymentView.as_view(), name="pay_test_detail"),
    path("pay/test/<int:pk>/status/", v.TestPaymentStatusView.as_view(), name="pay_test_status"),
]
portal = []
company = [
    path("pay/jsapi/", v.jsapi_page, name="pay_jsapi"),  # its directory is the 支付授权目录
    path("pay/orders/<int:pk>/status/", v.order_status, name="pay_order_status"),
]
site = [
    path("wxpay/notify/", v.notify, name="pay_notify"),
]
