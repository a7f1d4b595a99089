-- The order search windows take matches in (store/src/mentor_search.rs): a
-- key given once, in the order profiles are made, like SQLite's search_key.
-- The user id (random) put each match of a broad word on its own heap page
-- when a window walked the primary key; this key follows the table's own
-- order, so a window reads a few hundred pages instead of ten thousand.
ALTER TABLE mentor_profiles ADD COLUMN search_key BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX mentor_profiles_search_key ON mentor_profiles (search_key);
