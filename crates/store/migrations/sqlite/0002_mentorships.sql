-- SQLite twin of migrations/postgres/0002: FTS5 instead of tsvector.

ALTER TABLE users ADD COLUMN interests TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN goals TEXT NOT NULL DEFAULT '';

ALTER TABLE mentor_profiles ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE mentor_profiles ADD COLUMN active_mentees INTEGER NOT NULL DEFAULT 0 CHECK (active_mentees >= 0);
ALTER TABLE mentor_profiles ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentor_profiles ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
UPDATE mentor_profiles SET display_name = (SELECT name FROM users WHERE users.id = mentor_profiles.user_id);

-- The full-text index reads its columns from mentor_profiles. Its rowid is
-- search_key, a column of our own: SQLite's implicit rowid may change on
-- VACUUM for a table without an INTEGER PRIMARY KEY.
ALTER TABLE mentor_profiles ADD COLUMN search_key INTEGER;
UPDATE mentor_profiles SET search_key = rowid;
CREATE UNIQUE INDEX mentor_profiles_search_key ON mentor_profiles (search_key);
CREATE VIRTUAL TABLE mentor_search USING fts5(
    display_name, expertise, company, headline, specializations, job_title,
    content = 'mentor_profiles', content_rowid = 'search_key',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO mentor_search (mentor_search) VALUES ('rebuild');

CREATE TRIGGER mentor_profiles_search_ai AFTER INSERT ON mentor_profiles BEGIN
    UPDATE mentor_profiles SET search_key = (SELECT COALESCE(MAX(search_key), 0) + 1 FROM mentor_profiles)
    WHERE user_id = new.user_id;
END;
CREATE TRIGGER mentor_profiles_search_au
AFTER UPDATE OF search_key, display_name, expertise, company, headline, specializations, job_title ON mentor_profiles BEGIN
    INSERT INTO mentor_search (mentor_search, rowid, display_name, expertise, company, headline, specializations, job_title)
    SELECT 'delete', old.search_key, old.display_name, old.expertise, old.company, old.headline, old.specializations, old.job_title
    WHERE old.search_key IS NOT NULL;
    INSERT INTO mentor_search (rowid, display_name, expertise, company, headline, specializations, job_title)
    VALUES (new.search_key, new.display_name, new.expertise, new.company, new.headline, new.specializations, new.job_title);
END;
CREATE TRIGGER mentor_profiles_search_ad AFTER DELETE ON mentor_profiles WHEN old.search_key IS NOT NULL BEGIN
    INSERT INTO mentor_search (mentor_search, rowid, display_name, expertise, company, headline, specializations, job_title)
    VALUES ('delete', old.search_key, old.display_name, old.expertise, old.company, old.headline, old.specializations, old.job_title);
END;
CREATE INDEX mentor_profiles_company_idx ON mentor_profiles (lower(company));
CREATE INDEX mentor_profiles_experience_idx ON mentor_profiles (years_experience DESC, user_id);


CREATE TABLE mentorships (
    id BLOB PRIMARY KEY,
    mentor_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'ended')),
    message TEXT NOT NULL,
    reject_reason TEXT,
    start_date TEXT,
    end_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT mentorships_not_self CHECK (mentor_id <> mentee_id)
);
CREATE UNIQUE INDEX mentorships_active_pair ON mentorships (mentor_id, mentee_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX mentorships_mentor_idx ON mentorships (mentor_id, status);
CREATE INDEX mentorships_mentee_idx ON mentorships (mentee_id, status);

CREATE TABLE notifications (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    read_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
