"""招聘会 (job fairs): creation, publication, fees (参会费用 items), public pages."""
