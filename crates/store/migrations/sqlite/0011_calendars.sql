-- SQLite twin of migrations/postgres/0011.
CREATE TABLE external_calendars (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_synced_at TEXT,
    last_attempt_at TEXT,
    last_error TEXT,
    busy_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX external_calendars_user_idx ON external_calendars (user_id);
CREATE INDEX external_calendars_due_idx ON external_calendars (last_attempt_at);

CREATE TABLE external_busy (
    calendar_id BLOB NOT NULL REFERENCES external_calendars (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL
);
CREATE INDEX external_busy_user_idx ON external_busy (user_id, starts_at);
CREATE INDEX external_busy_calendar_idx ON external_busy (calendar_id);
