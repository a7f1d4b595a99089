-- Profile photos, decoded and re-encoded by the server before they are kept
-- (so no uploaded bytes or metadata are ever served back).
CREATE TABLE profile_photos (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    data BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
