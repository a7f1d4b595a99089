-- Rate limits that hold across instances: hits per hashed key and time bucket.
CREATE TABLE rate_counters (
    key TEXT NOT NULL,
    bucket TIMESTAMPTZ NOT NULL,
    hits INTEGER NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key, bucket)
);
CREATE INDEX rate_counters_expiry_idx ON rate_counters (expires_at);

-- Notifications of one kind that arrive in bursts collapse into one unread
-- row per person ("3 new mini requests match you").
ALTER TABLE notifications ADD COLUMN collapse_key TEXT;
ALTER TABLE notifications ADD COLUMN collapsed_count INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX notifications_collapse_idx ON notifications (user_id, collapse_key)
    WHERE read_at IS NULL AND collapse_key IS NOT NULL;
