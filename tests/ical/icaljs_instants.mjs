// Read an .ics from stdin; print, as JSON, the instants Mozilla's ical.js computes for it.
//
// The independent half of Hausportal's calendar cross-check (tests/ical): Python's icalendar
// resolves TZID=Europe/Berlin through its own tz database and would not notice a VTIMEZONE
// that other clients misread. ical.js has no built-in zones: it uses the VTIMEZONE embedded
// in the file (registered with ICAL.TimezoneService here), as Thunderbird's lineage does.
//
// Usage: node tests/ical/icaljs_instants.mjs [max-occurrences] < calendar.ics
// Output: {"method": "REQUEST" | null, "events": [{"uid", "recurrenceId", "start", "end",
//          "zones": [...], "occurrences": [[start, end], ...]}]} with epoch seconds (UTC).
// Exits non-zero if a date-time's zone cannot be resolved (it would be read as floating).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ICAL = (await import(require.resolve("ical.js"))).default;

const limit = Number.parseInt(process.argv[2] ?? "200", 10);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));

for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

function instant(time) {
  const tzid = time.zone ? time.zone.tzid : "floating";
  if (tzid !== "UTC" && !ICAL.TimezoneService.has(tzid)) {
    throw new Error(`unresolved zone ${tzid} for ${time.toString()}`);
  }
  return time.toUnixTime();
}

const vevents = calendar.getAllSubcomponents("vevent");
const overrides = vevents.filter((vevent) => vevent.hasProperty("recurrence-id"));
const events = [];
for (const vevent of vevents) {
  const uid = vevent.getFirstPropertyValue("uid");
  const event = new ICAL.Event(vevent, {
    exceptions: vevent.hasProperty("recurrence-id")
      ? []
      : overrides.filter((other) => other.getFirstPropertyValue("uid") === uid),
  });
  const entry = {
    uid: event.uid,
    recurrenceId: event.recurrenceId ? instant(event.recurrenceId) : null,
    start: instant(event.startDate),
    end: instant(event.endDate),
    zones: [event.startDate.zone.tzid, event.endDate.zone.tzid],
    occurrences: [],
  };
  if (event.isRecurring()) {
    const expansion = event.iterator();
    let next = expansion.next();
    while (next && entry.occurrences.length < limit) {
      const details = event.getOccurrenceDetails(next);
      entry.occurrences.push([instant(details.startDate), instant(details.endDate)]);
      next = expansion.next();
    }
  }
  events.push(entry);
}

const method = calendar.getFirstPropertyValue("method");
process.stdout.write(JSON.stringify({ method: method ?? null, events }));
