-- SQLite twin of migrations/postgres/0012.
CREATE TABLE programs (
    id BLOB PRIMARY KEY,
    owner_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    duration_weeks INTEGER NOT NULL CHECK (duration_weeks BETWEEN 1 AND 52),
    skills TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX programs_owner_idx ON programs (owner_id);

CREATE TABLE program_milestones (
    id BLOB PRIMARY KEY,
    program_id BLOB NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    week INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX program_milestones_program_idx ON program_milestones (program_id, position);

-- A plan keeps a copy: editing or deleting the program changes nothing here.
CREATE TABLE plans (
    mentorship_id BLOB PRIMARY KEY REFERENCES mentorships (id) ON DELETE CASCADE,
    program_id BLOB,
    program_title TEXT NOT NULL,
    start_date TEXT NOT NULL,
    skills TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE plan_milestones (
    id BLOB PRIMARY KEY,
    mentorship_id BLOB NOT NULL REFERENCES plans (mentorship_id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    due_date TEXT NOT NULL,
    done_at TEXT,
    position INTEGER NOT NULL
);
CREATE INDEX plan_milestones_plan_idx ON plan_milestones (mentorship_id, position);

CREATE TABLE goals (
    id BLOB PRIMARY KEY,
    mentorship_id BLOB NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    created_by BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX goals_mentorship_idx ON goals (mentorship_id, created_at);

CREATE TABLE action_items (
    id BLOB PRIMARY KEY,
    mentorship_id BLOB NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    goal_id BLOB REFERENCES goals (id) ON DELETE CASCADE,
    session_id BLOB REFERENCES sessions (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL CHECK (owner IN ('mentee', 'mentor')),
    due_date TEXT,
    done_at TEXT,
    created_by BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE INDEX action_items_mentorship_idx ON action_items (mentorship_id, created_at);
CREATE INDEX action_items_goal_idx ON action_items (goal_id);

CREATE TABLE skill_assessments (
    id BLOB PRIMARY KEY,
    mentorship_id BLOB NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    note TEXT,
    by_role TEXT NOT NULL CHECK (by_role IN ('mentee', 'mentor')),
    created_by BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE INDEX skill_assessments_mentorship_idx ON skill_assessments (mentorship_id, skill, created_at);

ALTER TABLE sessions ADD COLUMN agenda TEXT;
ALTER TABLE sessions ADD COLUMN recording_url TEXT;

CREATE TABLE session_private_notes (
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
