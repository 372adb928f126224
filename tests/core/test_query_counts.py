"""Every list uses a bounded number of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MajorFactory, StudentFactory

pytestmark = pytest.mark.django_db

LISTS = ["students:student_list", "org:major_list", "org:college_list", "org:department_list",
         "codes:code_list", "codes:codetable_list", "accounts:user_list", "core:operationlog_list",
         "students:majortransfer_list", "students:summary_list", "students:account_list",
         "studentfiles:studentimage_list", "studentfiles:archiverecord_list", "resumes:resume_list",
         "students:saved_query_list", "employment:employmentrecord_list", "employment:unemployed_list",
         "followup:ledgerstudent_list", "progress:progressproject_list",
         "employment:dispatchrecord_list", "employment:supervisingauthority_list", "employment:reportingwindow_list",
         "reports:rates", "reports:market",
         "recruitment:accountappeal_list",
         "recruitment:employer_list",
         "recruitment:job_list", "site:job_list",
         "recruitment:application_list",
         "recruitment:matchrun_list", "recruitment:jobmatch_list",
         # issue 6: talks and fairs
         "events:venue_list", "events:venue_calendar", "events:talk_list", "events:talk_registration_list",
         "site_events:talk_list", "events:fair_list", "events:fair_registration_list", "site_events:fair_list",
         "events:order_list", "events:participant_list", "events:fair_job_list", "events:checkin_list",
         "events:checkindevice_list", "events:reminders"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, {"per_page": 200, "graduation_year": ""}).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("name", LISTS)
def test_list_query_count_does_not_grow_with_rows(client, school_admin, org, name):
    client.force_login(school_admin)
    url = reverse(name)
    count_queries(client, url)  # warm caches (content types, preferences)
    before = count_queries(client, url)
    for i in range(30):
        StudentFactory(major=MajorFactory(name=f"新增专业{i}"))
    after = count_queries(client, url)
    assert after == before, f"{name}: {before} queries with few rows, {after} with more"
    assert after <= 15
