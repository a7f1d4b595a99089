-- Accounts: users, their sign-in tokens (browser sessions and API tokens,
-- stored as SHA-256 hashes) and mentor profiles.
CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    is_mentee BOOLEAN NOT NULL,
    is_mentor BOOLEAN NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    timezone TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email_normalized),
    CONSTRAINT users_has_role CHECK (is_mentee OR is_mentor)
);

CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id);
CREATE INDEX auth_tokens_expires_idx ON auth_tokens (expires_at);

CREATE TABLE mentor_profiles (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    headline TEXT NOT NULL,
    bio TEXT NOT NULL,
    company TEXT NOT NULL,
    job_title TEXT NOT NULL,
    expertise TEXT NOT NULL,        -- JSON array of strings
    specializations TEXT NOT NULL,  -- JSON array of strings
    years_experience INTEGER NOT NULL CHECK (years_experience >= 0),
    languages TEXT NOT NULL,        -- JSON array of strings
    accepting_mentees BOOLEAN NOT NULL,
    max_mentees INTEGER NOT NULL CHECK (max_mentees >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
