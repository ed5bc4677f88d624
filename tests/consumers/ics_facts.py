"""Parses an iCalendar file with the `icalendar` package (an RFC 5545 parser) and prints, as
JSON, the calendar's properties and every event's UID, dates and summary. Fails on a file the
parser rejects. Usage: python3 ics_facts.py FILE.ics"""

import json
import sys

from icalendar import Calendar

with open(sys.argv[1], "rb") as f:
    calendar = Calendar.from_ical(f.read())

# icalendar collects what it could not parse instead of raising; any such error is a failure.
broken = [str(e) for c in calendar.walk() for e in getattr(c, "errors", [])]
if broken:
    sys.exit("icalendar reported errors: " + "; ".join(broken))

events = []
for event in calendar.walk("VEVENT"):
    events.append({
        "uid": str(event["UID"]),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "summary": str(event["SUMMARY"]),
        "description": str(event["DESCRIPTION"]),
        "dtstamp": event.decoded("DTSTAMP").isoformat(),
    })
print(json.dumps({
    "version": str(calendar["VERSION"]),
    "prodid": str(calendar["PRODID"]),
    "calscale": str(calendar["CALSCALE"]),
    "calname": str(calendar.get("X-WR-CALNAME", "")),
    "events": events,
}))
