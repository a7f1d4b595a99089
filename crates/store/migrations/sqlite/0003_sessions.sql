-- SQLite twin of migrations/postgres/0003.
-- Sessions, availability, feedback and calendar feeds.

CREATE TABLE availability (
    mentor_id BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    timezone TEXT NOT NULL,
    weekly TEXT NOT NULL,      -- JSON [{weekday, window: {start, end}}]
    overrides TEXT NOT NULL,   -- JSON [{date, window: {start, end} | null}]
    min_notice_minutes INTEGER NOT NULL,
    horizon_days INTEGER NOT NULL,
    buffer_minutes INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- A mentor's own meeting link, used instead of the generated one.
ALTER TABLE mentor_profiles ADD COLUMN meeting_url TEXT;

CREATE TABLE sessions (
    id BLOB PRIMARY KEY,
    mentorship_id BLOB REFERENCES mentorships (id) ON DELETE CASCADE,
    mentor_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scheduled_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    duration INTEGER NOT NULL CHECK (duration BETWEEN 15 AND 240),
    topic TEXT NOT NULL,
    notes TEXT,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled')),
    meeting_url TEXT NOT NULL,
    cancel_reason TEXT,
    sequence INTEGER NOT NULL DEFAULT 0,   -- iCalendar SEQUENCE, raised on every change
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sessions_mentor_time_idx ON sessions (mentor_id, scheduled_at);
CREATE INDEX sessions_mentee_time_idx ON sessions (mentee_id, scheduled_at);
CREATE INDEX sessions_mentorship_idx ON sessions (mentorship_id);

CREATE TABLE session_feedback (
    session_id BLOB PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    mentee_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT,
    created_at TEXT NOT NULL
);

-- The private calendar feed URL is a read-only capability; its token is
-- kept as is so the URL can be shown again, and rotating it revokes it.
CREATE TABLE calendar_feeds (
    user_id BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT calendar_feeds_token_key UNIQUE (token)
);
