-- Calendars people connect by their secret ICS address, and the busy
-- intervals read from them (start and end only; never titles).
CREATE TABLE external_calendars (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_synced_at TIMESTAMPTZ,
    last_attempt_at TIMESTAMPTZ,
    last_error TEXT,
    busy_count INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX external_calendars_user_idx ON external_calendars (user_id);
CREATE INDEX external_calendars_due_idx ON external_calendars (last_attempt_at);

CREATE TABLE external_busy (
    calendar_id UUID NOT NULL REFERENCES external_calendars (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX external_busy_user_idx ON external_busy (user_id, starts_at);
CREATE INDEX external_busy_calendar_idx ON external_busy (calendar_id);
