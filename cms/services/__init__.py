"""Writes of the site, one module per concern: links, bookings, requests, events."""
