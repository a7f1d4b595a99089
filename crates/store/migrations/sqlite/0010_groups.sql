-- SQLite twin of migrations/postgres/0010.
CREATE TABLE group_sessions (
    id BLOB PRIMARY KEY,
    host_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    scheduled_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    duration INTEGER NOT NULL CHECK (duration BETWEEN 15 AND 240),
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 2 AND 200),
    seats_taken INTEGER NOT NULL DEFAULT 0,
    -- The next place in line; raised by every join, so order is exact.
    next_position INTEGER NOT NULL DEFAULT 0,
    audience TEXT NOT NULL CHECK (audience IN ('everyone', 'my_mentees')),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled')),
    meeting_url TEXT NOT NULL,
    cancel_reason TEXT,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT group_sessions_not_oversold CHECK (seats_taken BETWEEN 0 AND capacity)
);
CREATE INDEX group_sessions_time_idx ON group_sessions (status, scheduled_at);
CREATE INDEX group_sessions_host_idx ON group_sessions (host_id, scheduled_at);

CREATE TABLE group_seats (
    group_session_id BLOB NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('attending', 'waitlisted')),
    position INTEGER NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (group_session_id, user_id)
);
CREATE INDEX group_seats_user_idx ON group_seats (user_id, status);
CREATE INDEX group_seats_line_idx ON group_seats (group_session_id, status, position);

CREATE TABLE group_feedback (
    group_session_id BLOB NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (group_session_id, user_id)
);

-- The room's messages; the room's id is the group session's id.
CREATE TABLE group_messages (
    id BLOB PRIMARY KEY,
    group_session_id BLOB NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,
    sender_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX group_messages_room_idx ON group_messages (group_session_id, created_at DESC, id);
