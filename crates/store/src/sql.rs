//! A small builder for statements whose filters depend on the request,
//! numbering `$n` placeholders as values are added.

use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub(crate) enum Param {
    Text(String),
    Int(i64),
    Bool(bool),
    Uuid(Uuid),
    Time(DateTime<Utc>),
}

impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(v.to_owned())
    }
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}

impl From<bool> for Param {
    fn from(v: bool) -> Self {
        Param::Bool(v)
    }
}

impl From<Uuid> for Param {
    fn from(v: Uuid) -> Self {
        Param::Uuid(v)
    }
}

impl From<DateTime<Utc>> for Param {
    fn from(v: DateTime<Utc>) -> Self {
        Param::Time(v)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub text: String,
    pub params: Vec<Param>,
    /// Planned with its values at each run, not prepared once
    /// (`planned_with_values`).
    pub unprepared: bool,
}

impl Sql {
    /// A statement with its values, in placeholder order.
    pub fn of(text: impl Into<String>, params: Vec<Param>) -> Self {
        Self {
            text: text.into(),
            params,
            unprepared: false,
        }
    }

    /// Not kept as a prepared statement on PostgreSQL: planned with its
    /// values each time it runs. After five runs PostgreSQL may plan a
    /// prepared statement once for any values, and a search's plan hangs on
    /// them: such a plan of a search walked the same 50,000 profiles in
    /// 71 ms instead of 50, building its text-search query and `LIKE`
    /// pattern again for every row. Planning costs well under a
    /// millisecond. SQLite plans without looking at values anyway.
    pub fn planned_with_values(mut self) -> Self {
        self.unprepared = true;
        self
    }

    pub fn push(&mut self, fragment: &str) -> &mut Self {
        self.text.push_str(fragment);
        self
    }

    /// Adds a value and returns its placeholder.
    pub fn param(&mut self, value: Param) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }
}

/// Binds every parameter of a `Sql` to a query, in order.
macro_rules! bind_params {
    ($query:expr, $params:expr) => {{
        let mut query = $query;
        for param in $params {
            query = match param {
                $crate::sql::Param::Text(v) => query.bind(v.clone()),
                $crate::sql::Param::Int(v) => query.bind(*v),
                $crate::sql::Param::Bool(v) => query.bind(*v),
                $crate::sql::Param::Uuid(v) => query.bind(*v),
                $crate::sql::Param::Time(v) => query.bind(*v),
            };
        }
        query
    }};
}
pub(crate) use bind_params;
