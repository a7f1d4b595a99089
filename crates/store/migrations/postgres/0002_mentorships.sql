-- Discovery, mentorships and notifications.

-- What a mentee hopes to learn, for recommendations.
ALTER TABLE users ADD COLUMN interests TEXT NOT NULL DEFAULT '[]';  -- JSON array
ALTER TABLE users ADD COLUMN goals TEXT NOT NULL DEFAULT '';

-- The mentor's name is copied here so the search document is one row.
ALTER TABLE mentor_profiles ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
-- Accepted mentorships, kept in step by the store in the same transaction.
ALTER TABLE mentor_profiles ADD COLUMN active_mentees INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentor_profiles ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentor_profiles ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentor_profiles ADD CONSTRAINT mentor_profiles_active_mentees_check CHECK (active_mentees >= 0);
UPDATE mentor_profiles p SET display_name = u.name FROM users u WHERE u.id = p.user_id;

ALTER TABLE mentor_profiles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', display_name), 'A') ||
    setweight(to_tsvector('simple', expertise || ' ' || company), 'B') ||
    setweight(to_tsvector('simple', headline || ' ' || specializations || ' ' || job_title), 'C')
) STORED;
CREATE INDEX mentor_profiles_search_idx ON mentor_profiles USING GIN (search_vector);
CREATE INDEX mentor_profiles_company_idx ON mentor_profiles (lower(company));
CREATE INDEX mentor_profiles_experience_idx ON mentor_profiles (years_experience DESC, user_id);


CREATE TABLE mentorships (
    id UUID PRIMARY KEY,
    mentor_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentee_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'ended')),
    message TEXT NOT NULL,
    reject_reason TEXT,
    start_date TIMESTAMPTZ,
    end_date TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT mentorships_not_self CHECK (mentor_id <> mentee_id)
);
-- One live (pending or accepted) mentorship per pair, enforced by the database.
CREATE UNIQUE INDEX mentorships_active_pair ON mentorships (mentor_id, mentee_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX mentorships_mentor_idx ON mentorships (mentor_id, status);
CREATE INDEX mentorships_mentee_idx ON mentorships (mentee_id, status);

CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    read_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
