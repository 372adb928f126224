"""URLs of the payments area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import company as company_payments
from . import views as v

backoffice = [
    *model_urls("orders", "order", list=v.OrderListView, detail=v.OrderView, export=ExportView.of(v.OrderListView),
                confirm=v.OrderConfirmView, reject_proof=v.OrderRejectProofView, refund=v.OrderRefundView,
                close=v.OrderCloseView, proof=v.OrderProofView),
]
company = [
    path("fairs/<int:pk>/pay/", company_payments.payment, name="payment"),
    path("fairs/<int:pk>/pay/start/", company_payments.payment_start, name="payment_start"),
    path("fairs/<int:pk>/pay/proof/", company_payments.payment_proof, name="payment_proof"),
    path("fairs/<int:pk>/pay/orders/<int:order_pk>/proof/", company_payments.payment_proof_file,
         name="payment_proof_file"),
]
site = []
portal = []
