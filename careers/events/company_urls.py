from . import (
               urls_checkin,
               urls_fairs,
               urls_participants,
               urls_payments,
               urls_stats,
               urls_talks,
               urls_venues,
)

app_name = "company_events"

urlpatterns = [*urls_venues.company, *urls_talks.company, *urls_fairs.company, *urls_participants.company, *urls_payments.company,
               *urls_checkin.company, *urls_stats.company]
