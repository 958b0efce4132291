"""Timetable views, split by job: feeds, staff screens, sessions, attendance."""
