"""Exports of the fair and talk lists with the live figures: the list's export view gets the same
annotations as the list (scoped to the exporting user), so the stat_* columns export as numbers.

    FairExportView = FairStatsExportView.of(FairListView)   # instead of ExportView.of(FairListView)
    TalkExportView = TalkStatsExportView.of(TalkListView)
"""

from careers.core.views.exports import ExportView

from .figures import annotate_fair_stats, annotate_talk_stats


class FairStatsExportView(ExportView):
    @classmethod
    def filtered_queryset(cls, user, query, operating_year=None):
        return annotate_fair_stats(super().filtered_queryset(user, query, operating_year), user)


class TalkStatsExportView(ExportView):
    @classmethod
    def filtered_queryset(cls, user, query, operating_year=None):
        return annotate_talk_stats(super().filtered_queryset(user, query, operating_year), user)
