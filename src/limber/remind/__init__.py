"""Break reminders: the schedule, its settings and the state file `limber status` reads; no Textual."""
