"""The town's views, one module per job: directory, bookings, requests,
events, organizations and search."""
