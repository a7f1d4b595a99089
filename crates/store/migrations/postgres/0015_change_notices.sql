-- Every statement that changes one of these tables names the table on the
-- channel mentorhub_changes, delivered to every instance when the
-- transaction commits (and once per table per transaction): their caches
-- drop what the change made out of date (store/src/changes.rs). The list is
-- the one in `changes::Table`.
CREATE FUNCTION mentorhub_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mentorhub_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER mentor_profiles_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mentor_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER mentorships_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mentorships
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER sessions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER session_feedback_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON session_feedback
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER session_private_notes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON session_private_notes
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER group_sessions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
CREATE TRIGGER group_seats_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_seats
    FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed();
