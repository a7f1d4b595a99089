-- SQLite twin of migrations/postgres/0005.
-- Chat: one conversation per pair of people, messages, read markers,
-- blocks, and which conversation a person is looking at (for notifications).
CREATE TABLE conversations (
    id BLOB PRIMARY KEY,
    user_a BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,  -- the smaller id of the pair
    user_b BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    a_read_at TEXT,
    b_read_at TEXT,
    last_message_at TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT conversations_pair_key UNIQUE (user_a, user_b),
    CONSTRAINT conversations_ordered CHECK (user_a < user_b)
);
CREATE INDEX conversations_a_idx ON conversations (user_a, last_message_at DESC);
CREATE INDEX conversations_b_idx ON conversations (user_b, last_message_at DESC);

CREATE TABLE messages (
    id BLOB PRIMARY KEY,
    conversation_id BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at DESC, id);

CREATE TABLE blocks (
    blocker_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

CREATE TABLE chat_presence (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id BLOB NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
