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

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'mentor_profiles', 'mentorships', 'sessions', 'session_feedback',
                             'session_private_notes', 'group_sessions', 'group_seats'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION mentorhub_changed()', t || '_changed', t);
    END LOOP;
END
$$;
