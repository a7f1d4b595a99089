-- Trust and administration: stale requests expire, responsiveness on
-- mentor cards, no-shows, reports, suspensions, account deletion, the
-- audit log of admin actions, and demand counts per specialization.
ALTER TABLE mentorships DROP CONSTRAINT mentorships_status_check;
ALTER TABLE mentorships ADD CONSTRAINT mentorships_status_check
    CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'ended', 'expired'));
-- When the mentor answered (accepted or declined), and how many reminders
-- they had about the request while it waited.
ALTER TABLE mentorships ADD COLUMN responded_at TIMESTAMPTZ;
ALTER TABLE mentorships ADD COLUMN nudges INTEGER NOT NULL DEFAULT 0;
UPDATE mentorships SET responded_at = COALESCE(start_date, updated_at) WHERE status IN ('accepted', 'rejected', 'ended');
CREATE INDEX mentorships_waiting_idx ON mentorships (created_at) WHERE status = 'pending';

ALTER TABLE users ADD COLUMN suspended_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN suspend_reason TEXT;
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN last_active_at TIMESTAMPTZ;
CREATE INDEX users_created_idx ON users (created_at);

-- listed: the profile shows in search and recommendations (not while its
-- owner is suspended or after they deleted their account).
ALTER TABLE mentor_profiles ADD COLUMN listed BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE mentor_profiles ADD COLUMN response_rate DOUBLE PRECISION;
ALTER TABLE mentor_profiles ADD COLUMN median_response_hours DOUBLE PRECISION;
ALTER TABLE mentor_profiles ADD COLUMN responsiveness_at TIMESTAMPTZ;

ALTER TABLE sessions ADD COLUMN no_show TEXT CHECK (no_show IN ('mentor', 'mentee'));
ALTER TABLE sessions ADD COLUMN no_show_at TIMESTAMPTZ;

CREATE TABLE reports (
    id UUID PRIMARY KEY,
    reporter_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('user', 'message', 'mini_request', 'group_session', 'program')),
    subject_id UUID NOT NULL,
    -- The person the subject belongs to (the sender, the author, the host).
    subject_user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    excerpt TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('spam', 'harassment', 'inappropriate', 'other')),
    details TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    action TEXT CHECK (action IN ('dismiss', 'remove_content', 'suspend_user')),
    resolution_note TEXT,
    resolved_by UUID REFERENCES users (id) ON DELETE SET NULL,
    resolved_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX reports_open_once ON reports (reporter_id, subject_type, subject_id) WHERE status = 'open';
CREATE INDEX reports_queue_idx ON reports (status, created_at);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    admin_id UUID REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id UUID NOT NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_time_idx ON audit_log (created_at);

-- What mentees look for: filtered searches and requests, counted per
-- specialization and week (a bounded table, not one row per search).
CREATE TABLE demand_counts (
    specialization TEXT NOT NULL,
    week TEXT NOT NULL,
    searches BIGINT NOT NULL DEFAULT 0,
    requests BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (specialization, week)
);

-- Removed messages keep their row (the thread stays whole) without text.
ALTER TABLE messages ADD COLUMN removed_at TIMESTAMPTZ;
ALTER TABLE group_messages ADD COLUMN removed_at TIMESTAMPTZ;
