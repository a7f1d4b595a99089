-- SQLite twin of migrations/postgres/0013. SQLite cannot change a CHECK
-- constraint, so mentorships is rebuilt: copy, drop, rename. This relies on
-- `migrations::run_sqlite`, which runs migrations with foreign keys off
-- (else the drop would cascade into sessions, plans and goals) and checks
-- them afterwards.
CREATE TABLE mentorships_rebuilt (
    id BLOB PRIMARY KEY,
    mentor_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'ended', 'expired')),
    message TEXT NOT NULL,
    reject_reason TEXT,
    start_date TEXT,
    end_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- When the mentor answered (accepted or declined), and how many
    -- reminders they had about the request while it waited.
    responded_at TEXT,
    nudges INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT mentorships_not_self CHECK (mentor_id <> mentee_id)
);
INSERT INTO mentorships_rebuilt (id, mentor_id, mentee_id, status, message, reject_reason, start_date, end_date,
    created_at, updated_at, responded_at)
SELECT id, mentor_id, mentee_id, status, message, reject_reason, start_date, end_date, created_at, updated_at,
    CASE WHEN status IN ('accepted', 'rejected', 'ended') THEN COALESCE(start_date, updated_at) END
FROM mentorships;
DROP TABLE mentorships;
ALTER TABLE mentorships_rebuilt RENAME TO mentorships;
CREATE UNIQUE INDEX mentorships_active_pair ON mentorships (mentor_id, mentee_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX mentorships_mentor_idx ON mentorships (mentor_id, status);
CREATE INDEX mentorships_mentee_idx ON mentorships (mentee_id, status);
CREATE INDEX mentorships_waiting_idx ON mentorships (created_at) WHERE status = 'pending';

ALTER TABLE users ADD COLUMN suspended_at TEXT;
ALTER TABLE users ADD COLUMN suspend_reason TEXT;
ALTER TABLE users ADD COLUMN deleted_at TEXT;
ALTER TABLE users ADD COLUMN last_active_at TEXT;
CREATE INDEX users_created_idx ON users (created_at);

-- listed: the profile shows in search and recommendations (not while its
-- owner is suspended or after they deleted their account).
ALTER TABLE mentor_profiles ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE mentor_profiles ADD COLUMN response_rate REAL;
ALTER TABLE mentor_profiles ADD COLUMN median_response_hours REAL;
ALTER TABLE mentor_profiles ADD COLUMN responsiveness_at TEXT;

ALTER TABLE sessions ADD COLUMN no_show TEXT CHECK (no_show IN ('mentor', 'mentee'));
ALTER TABLE sessions ADD COLUMN no_show_at TEXT;

CREATE TABLE reports (
    id BLOB PRIMARY KEY,
    reporter_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('user', 'message', 'mini_request', 'group_session', 'program')),
    subject_id BLOB NOT NULL,
    -- The person the subject belongs to (the sender, the author, the host).
    subject_user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    excerpt TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('spam', 'harassment', 'inappropriate', 'other')),
    details TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    action TEXT CHECK (action IN ('dismiss', 'remove_content', 'suspend_user')),
    resolution_note TEXT,
    resolved_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    resolved_at TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX reports_open_once ON reports (reporter_id, subject_type, subject_id) WHERE status = 'open';
CREATE INDEX reports_queue_idx ON reports (status, created_at);

CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    admin_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id BLOB NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_log_time_idx ON audit_log (created_at);

-- What mentees look for: filtered searches and requests, counted per
-- specialization and week (a bounded table, not one row per search).
CREATE TABLE demand_counts (
    specialization TEXT NOT NULL,
    week TEXT NOT NULL,
    searches INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (specialization, week)
);

-- Removed messages keep their row (the thread stays whole) without text.
ALTER TABLE messages ADD COLUMN removed_at TEXT;
ALTER TABLE group_messages ADD COLUMN removed_at TEXT;

