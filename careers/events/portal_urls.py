from . import (
               urls_checkin,
               urls_fairs,
               urls_participants,
               urls_payments,
               urls_stats,
               urls_talks,
               urls_venues,
)

app_name = "portal_events"

urlpatterns = [*urls_venues.portal, *urls_talks.portal, *urls_fairs.portal, *urls_participants.portal, *urls_payments.portal,
               *urls_checkin.portal, *urls_stats.portal]
