//! SQLite values bound and decoded as sqlx's SQLite driver does (ids as
//! 16-byte blobs, instants as RFC 3339 text, booleans as integers), for the
//! reads of `sqlite_reads.rs`: a statement means the same on either path.
//! Decoding is a little more lenient than sqlx's (an integer where a number
//! is wanted, an id written as text); no instant is stored as a Julian day.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use rusqlite::types::ValueRef;
use uuid::Uuid;

/// An instant as sqlx's SQLite driver writes it.
pub(crate) fn instant_text(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// Decoding one SQLite value the way sqlx's SQLite driver does.
pub trait FromSqliteValue: Sized {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String>;
}

fn mismatch(wanted: &str, value: ValueRef<'_>) -> String {
    format!("expected {wanted}, found {}", value.data_type())
}

impl FromSqliteValue for String {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Text(bytes) => std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| e.to_string()),
            other => Err(mismatch("text", other)),
        }
    }
}

impl FromSqliteValue for i64 {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Integer(v) => Ok(v),
            other => Err(mismatch("an integer", other)),
        }
    }
}

impl FromSqliteValue for i32 {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        i32::try_from(i64::from_sqlite(value)?).map_err(|e| e.to_string())
    }
}

impl FromSqliteValue for bool {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        Ok(i64::from_sqlite(value)? != 0)
    }
}

impl FromSqliteValue for f64 {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Real(v) => Ok(v),
            ValueRef::Integer(v) => Ok(v as f64),
            other => Err(mismatch("a number", other)),
        }
    }
}

impl FromSqliteValue for Vec<u8> {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Blob(bytes) => Ok(bytes.to_vec()),
            other => Err(mismatch("a blob", other)),
        }
    }
}

impl FromSqliteValue for Uuid {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Blob(bytes) => Uuid::from_slice(bytes).map_err(|e| e.to_string()),
            ValueRef::Text(text) => Uuid::try_parse_ascii(text).map_err(|e| e.to_string()),
            other => Err(mismatch("an id", other)),
        }
    }
}

impl FromSqliteValue for DateTime<Utc> {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Text(bytes) => {
                let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
                parse_instant(text).ok_or_else(|| format!("not a time: {text:?}"))
            }
            ValueRef::Integer(seconds) => Utc
                .timestamp_opt(seconds, 0)
                .single()
                .ok_or_else(|| format!("not a time: {seconds}")),
            other => Err(mismatch("a time", other)),
        }
    }
}

/// The text forms sqlx accepts for an instant: RFC 3339, and SQLite's own
/// `YYYY-MM-DD HH:MM:SS` (as UTC) with or without fractions.
fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    const FORMATS: &[&str] = &["%F %T%.f", "%F %R", "%FT%T%.f", "%FT%R"];
    FORMATS.iter().find_map(|format| {
        DateTime::parse_from_str(text, &format!("{format}%:z"))
            .map(|at| at.with_timezone(&Utc))
            .ok()
            .or_else(|| NaiveDateTime::parse_from_str(text, format).ok().map(|at| at.and_utc()))
            .or_else(|| {
                NaiveDateTime::parse_from_str(text, &format!("{format}Z"))
                    .ok()
                    .map(|at| at.and_utc())
            })
    })
}

impl<T: FromSqliteValue> FromSqliteValue for Option<T> {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Null => Ok(None),
            other => T::from_sqlite(other).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_read_back_in_every_form_sqlite_writes() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 5).unwrap();
        assert_eq!(parse_instant(&instant_text(&at)), Some(at));
        assert_eq!(parse_instant("2026-03-01 09:30:05"), Some(at));
        assert_eq!(parse_instant("2026-03-01T09:30:05Z"), Some(at));
        assert_eq!(parse_instant("2026-03-01 09:30:05+00:00"), Some(at));
        assert_eq!(
            parse_instant("2026-03-01 09:30"),
            Some(at - chrono::Duration::seconds(5))
        );
        assert_eq!(parse_instant("yesterday"), None);
        let fine = at + chrono::Duration::microseconds(123_456);
        assert_eq!(parse_instant(&instant_text(&fine)), Some(fine));
    }

    #[test]
    fn values_of_the_wrong_kind_are_errors_not_defaults() {
        assert!(i64::from_sqlite(ValueRef::Text(b"12")).is_err());
        assert!(String::from_sqlite(ValueRef::Integer(1)).is_err());
        assert!(i32::from_sqlite(ValueRef::Integer(i64::MAX)).is_err());
        assert_eq!(Option::<i64>::from_sqlite(ValueRef::Null), Ok(None));
        assert!(i64::from_sqlite(ValueRef::Null).is_err());
        let id = Uuid::new_v4();
        assert_eq!(Uuid::from_sqlite(ValueRef::Blob(id.as_bytes())), Ok(id));
        assert!(bool::from_sqlite(ValueRef::Integer(1)).unwrap());
    }
}
