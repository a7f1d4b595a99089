//! Reading rows by column name on either backend. Records implement
//! `Record` by hand over `DbRow` (one impl serves every kind of row: sqlx's
//! SQLite and PostgreSQL rows and the rows of `sqlite_reads.rs`), so a
//! reordered SELECT cannot shift values into the wrong fields, and text
//! that names no known state is a decode error rather than a silent default.

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Decode, Postgres, Row, Sqlite, Type};

use crate::sqlite_values::FromSqliteValue;

/// A column type every kind of row decodes.
pub trait Column:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> + FromSqliteValue
{
}

impl<T> Column for T where
    T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> + FromSqliteValue
{
}

/// A row of either backend.
pub trait DbRow {
    /// The value of the named column.
    fn col<T: Column>(&self, name: &str) -> Result<T, sqlx::Error>;

    /// The value of the column at `index` (for tuples).
    fn at<T: Column>(&self, index: usize) -> Result<T, sqlx::Error>;

    /// A text column naming one of an enum's states; anything else is an error.
    fn parsed<T>(&self, name: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
        let text: String = self.col(name)?;
        parse(&text).ok_or_else(|| decode_error(name, format!("unknown value {text:?}")))
    }

    /// A JSON array of strings kept in a text column.
    fn list(&self, name: &str) -> Result<Vec<String>, sqlx::Error> {
        self.json(name)
    }

    /// Any JSON value kept in a text column.
    fn json<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, sqlx::Error> {
        let text: String = self.col(name)?;
        serde_json::from_str(&text).map_err(|err| decode_error(name, err.to_string()))
    }
}

impl DbRow for SqliteRow {
    fn col<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        self.try_get(name)
    }

    fn at<T: Column>(&self, index: usize) -> Result<T, sqlx::Error> {
        self.try_get(index)
    }
}

impl DbRow for PgRow {
    fn col<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        self.try_get(name)
    }

    fn at<T: Column>(&self, index: usize) -> Result<T, sqlx::Error> {
        self.try_get(index)
    }
}

/// A value read from one row of any kind.
pub trait Record: Sized {
    fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error>;
}

/// Tuples read their columns in order.
macro_rules! tuple_record {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Column),+> Record for ($($t,)+) {
            fn read<R: DbRow>(row: &R) -> Result<Self, sqlx::Error> {
                Ok(($(row.at::<$t>($i)?,)+))
            }
        }
    };
}
tuple_record!(A 0);
tuple_record!(A 0, B 1);
tuple_record!(A 0, B 1, C 2);
tuple_record!(A 0, B 1, C 2, D 3);
tuple_record!(A 0, B 1, C 2, D 3, E 4);
tuple_record!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_record!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_record!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_record!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_record!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);

/// sqlx's `FromRow` for records, so `query_as` reads them on both pools.
/// (A blanket impl over `Record` is not allowed: both traits' row types are
/// sqlx's.)
macro_rules! sqlx_rows {
    ($($record:ty),+ $(,)?) => {
        $(
            impl<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> for $record {
                fn from_row(row: &'r sqlx::sqlite::SqliteRow) -> Result<Self, sqlx::Error> {
                    <$record as $crate::row::Record>::read(row)
                }
            }
            impl<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> for $record {
                fn from_row(row: &'r sqlx::postgres::PgRow) -> Result<Self, sqlx::Error> {
                    <$record as $crate::row::Record>::read(row)
                }
            }
        )+
    };
}
pub(crate) use sqlx_rows;

pub(crate) fn decode_error(column: &str, message: String) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: message.into(),
    }
}
