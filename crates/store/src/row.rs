//! Reading rows by column name on either backend. Records implement
//! `sqlx::FromRow` by hand over `DbRow` (one impl serves both pools), so a
//! reordered SELECT cannot shift values into the wrong fields, and text
//! that names no known state is a decode error rather than a silent default.

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Decode, Postgres, Row, Sqlite, Type};

/// A column type both drivers decode.
pub trait Column: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> {}

impl<T> Column for T where T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> {}

/// A row of either backend.
pub trait DbRow: Row {
    /// The value of the named column.
    fn col<T: Column>(&self, name: &str) -> Result<T, sqlx::Error>;

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
}

impl DbRow for PgRow {
    fn col<T: Column>(&self, name: &str) -> Result<T, sqlx::Error> {
        self.try_get(name)
    }
}

pub(crate) fn decode_error(column: &str, message: String) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: message.into(),
    }
}
