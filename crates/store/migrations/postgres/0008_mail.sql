-- Every email the server composed, sent or held (no SMTP configured).
CREATE TABLE outbox (
    id UUID PRIMARY KEY,
    job_id UUID NOT NULL,             -- the email job; its retries reuse the row
    user_id UUID REFERENCES users (id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,               -- the preference kind (mentorship_requests, ...)
    template TEXT NOT NULL,           -- the event (mentorship_requested, ...)
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    ics TEXT,
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'held', 'failed')),
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    CONSTRAINT outbox_job_key UNIQUE (job_id)
);
CREATE INDEX outbox_created_idx ON outbox (created_at DESC);

-- What a person wants, by kind and channel; no row means the default (on).
CREATE TABLE notification_preferences (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email BOOLEAN NOT NULL,
    in_app BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Secrets the server makes itself once and every instance shares (the key
-- that signs unsubscribe links).
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
