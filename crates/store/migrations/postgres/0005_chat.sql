-- Chat: one conversation per pair of people, messages, read markers,
-- blocks, and which conversation a person is looking at (for notifications).
CREATE TABLE conversations (
    id UUID PRIMARY KEY,
    user_a UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,  -- the smaller id of the pair
    user_b UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    a_read_at TIMESTAMPTZ,
    b_read_at TIMESTAMPTZ,
    last_message_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT conversations_pair_key UNIQUE (user_a, user_b),
    CONSTRAINT conversations_ordered CHECK (user_a < user_b)
);
CREATE INDEX conversations_a_idx ON conversations (user_a, last_message_at DESC);
CREATE INDEX conversations_b_idx ON conversations (user_b, last_message_at DESC);

CREATE TABLE messages (
    id UUID PRIMARY KEY,
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at DESC, id);

CREATE TABLE blocks (
    blocker_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

CREATE TABLE chat_presence (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
