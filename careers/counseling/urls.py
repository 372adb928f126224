"""The one URL aggregator of 预约咨询, mounted by config/urls.py:

backoffice → /counseling/       namespace "counseling"         (咨询台账, 设置, 主题, 咨询师, 统计, 我的咨询)
portal     → /me/counseling/    namespace "portal_counseling"  (a logged-in student's pages)
"""

from .bookings import urls as bookings
from .mine import urls as mine
from .setup import urls as setup

backoffice = ([*bookings.backoffice, *setup.backoffice, *mine.backoffice], "counseling")
portal = ([*bookings.portal], "portal_counseling")
