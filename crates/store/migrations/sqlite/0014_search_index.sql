-- PostgreSQL's twin turns off the search index's pending list; SQLite's FTS5
-- index has none. Kept so both databases number their migrations alike.
SELECT 1;
