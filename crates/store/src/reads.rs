//! Read-only single statements, by the fastest path each backend has: on
//! a SQLite file, stepped on the calling thread (`sqlite_reads.rs`);
//! otherwise through sqlx. The statement and its values are the same on
//! both paths (`Sql`), and so is the decoding (`Record`).

use crate::row::Record;
use crate::sql::{bind_params, Sql};
use crate::{on_pool, Store, StoreError, StoreResult};

impl Store {
    /// Every row of a read.
    pub(crate) async fn read_all<T: Record>(&self, sql: &Sql) -> StoreResult<Vec<T>> {
        if let Some(reads) = &self.reads {
            return reads.all(&sql.text, &sql.params);
        }
        on_pool!(self, pool => {
            let rows = bind_params!(sqlx::query(&sql.text).persistent(!sql.unprepared), &sql.params).fetch_all(pool).await?;
            rows.iter().map(T::read).collect::<Result<Vec<T>, _>>().map_err(StoreError::from)
        })
    }

    /// The first row of a read, if any.
    pub(crate) async fn read_optional<T: Record>(&self, sql: &Sql) -> StoreResult<Option<T>> {
        if let Some(reads) = &self.reads {
            return reads.optional(&sql.text, &sql.params);
        }
        on_pool!(self, pool => {
            let row = bind_params!(sqlx::query(&sql.text).persistent(!sql.unprepared), &sql.params).fetch_optional(pool).await?;
            row.as_ref().map(T::read).transpose().map_err(StoreError::from)
        })
    }

    /// The first row of a read; `NotFound` when there is none.
    pub(crate) async fn read_one<T: Record>(&self, sql: &Sql) -> StoreResult<T> {
        self.read_optional(sql).await?.ok_or(StoreError::NotFound)
    }
}
