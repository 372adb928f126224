from . import (
               urls_checkin,
               urls_fairs,
               urls_participants,
               urls_payments,
               urls_stats,
               urls_talks,
               urls_venues,
)

app_name = "events"

urlpatterns = [*urls_venues.admin, *urls_talks.admin, *urls_fairs.admin, *urls_participants.admin, *urls_payments.admin,
               *urls_checkin.admin, *urls_stats.admin]
