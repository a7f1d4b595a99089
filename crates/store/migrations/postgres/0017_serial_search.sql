-- Searches read mentor_profiles without parallel workers. Starting two
-- workers took 10-20 ms per statement here, more than they saved: a
-- filtered search's walk over a million profiles took 45 ms with them and
-- 28 ms without (BENCHMARKS.md). Searches are many short requests at once,
-- and a worker takes a core another request would use.
ALTER TABLE mentor_profiles SET (parallel_workers = 0);
