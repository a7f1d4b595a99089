//! `?limit=` and opaque `?cursor=` for lists that can grow.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;
use utoipa::ToSchema;

use crate::web::error::Error;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: i64,
    pub offset: i64,
}

impl PageRequest {
    pub fn parse(limit: Option<i64>, cursor: Option<&str>) -> Result<Self, Error> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(Error::field(
                "limit",
                format!("limit must be between 1 and {MAX_LIMIT}."),
            ));
        }
        let offset = match cursor.filter(|c| !c.is_empty()) {
            None => 0,
            Some(cursor) => {
                decode(cursor).ok_or_else(|| Error::field("cursor", "The cursor is not one we gave out."))?
            }
        };
        Ok(Self { limit, offset })
    }

    /// Splits the `limit + 1` rows a store returned into a page.
    pub fn page<T, U>(&self, mut rows: Vec<T>, map: impl FnMut(T) -> U) -> Page<U> {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(self.limit as usize);
        let next_cursor = more.then(|| encode(self.offset + self.limit));
        Page {
            items: rows.into_iter().map(map).collect(),
            next_cursor,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `?cursor=` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

fn encode(offset: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

fn decode(cursor: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let offset: i64 = text.strip_prefix("o:")?.parse().ok()?;
    (0..=1_000_000).contains(&offset).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let first = PageRequest::parse(Some(2), None).unwrap();
        let page = first.page(vec![1, 2, 3], |x| x);
        assert_eq!(page.items, vec![1, 2]);
        let next = PageRequest::parse(Some(2), page.next_cursor.as_deref()).unwrap();
        assert_eq!(next.offset, 2);
        assert!(next.page(vec![3], |x| x).next_cursor.is_none());
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(Some(101), None).is_err());
        assert!(PageRequest::parse(None, Some("garbage!")).is_err());
        assert_eq!(PageRequest::parse(None, None).unwrap().limit, 20);
    }
}
