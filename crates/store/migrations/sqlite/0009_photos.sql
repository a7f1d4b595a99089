-- SQLite twin of migrations/postgres/0009.
CREATE TABLE profile_photos (
    user_id BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
