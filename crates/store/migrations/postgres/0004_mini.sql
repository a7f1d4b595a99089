-- Mini mentorship: short requests that any fitting mentor can claim.
CREATE TABLE mini_requests (
    id UUID PRIMARY KEY,
    mentee_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    session_type TEXT NOT NULL,
    description TEXT NOT NULL,
    duration INTEGER NOT NULL CHECK (duration IN (15, 30, 45, 60)),
    urgency TEXT NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
    urgency_rank INTEGER NOT NULL,
    preferred_dates TEXT NOT NULL,   -- JSON array of RFC 3339 instants
    status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'scheduled', 'completed', 'cancelled', 'expired')),
    claimed_by UUID REFERENCES users (id) ON DELETE SET NULL,
    claimed_at TIMESTAMPTZ,
    outcome TEXT,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX mini_requests_board_idx ON mini_requests (status, expires_at);
CREATE INDEX mini_requests_mentee_idx ON mini_requests (mentee_id, created_at);
CREATE INDEX mini_requests_claimed_idx ON mini_requests (claimed_by);

-- A mini session is a session without a mentorship, tied to its request.
ALTER TABLE sessions ADD COLUMN mini_request_id UUID REFERENCES mini_requests (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX sessions_mini_request_key ON sessions (mini_request_id) WHERE mini_request_id IS NOT NULL;
