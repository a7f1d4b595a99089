//! The durable job queue: dedup, retries with backoff under a moved clock,
//! failed jobs kept and retried by hand, periodic work once per slot across
//! instances, and (with the real binary) exactly once across two instances
//! and a restart.

mod exactly_once;
mod queue;
