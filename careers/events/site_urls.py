from . import (
               urls_checkin,
               urls_fairs,
               urls_participants,
               urls_payments,
               urls_stats,
               urls_talks,
               urls_venues,
)

app_name = "site_events"

urlpatterns = [*urls_venues.site, *urls_talks.site, *urls_fairs.site, *urls_participants.site, *urls_payments.site,
               *urls_checkin.site, *urls_stats.site]
