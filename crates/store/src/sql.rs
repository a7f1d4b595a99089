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

#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub text: String,
    pub params: Vec<Param>,
}

impl Sql {
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
