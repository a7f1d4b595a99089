//! No control characters in text input. NUL cannot be stored in a
//! PostgreSQL text column (and SQLite would keep it silently), and the other
//! C0/C1 controls are never part of what a person writes; tab, line feed and
//! carriage return are allowed. Checked at the edge, for the path and query
//! of every request (middleware) and for JSON and form bodies (in their
//! extractors), so no such string reaches a service or a database.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;

use crate::web::error::Error;

pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

fn rejected() -> Error {
    Error::BadRequest(
        "invalid_characters",
        "Text may not contain control characters (such as NUL) or invalid UTF-8.".into(),
    )
}

/// Decoded text (a path segment, a query value): valid UTF-8 and no controls.
pub fn check_text(bytes: &[u8]) -> Result<(), Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.chars().any(is_forbidden) => Ok(()),
        _ => Err(rejected()),
    }
}

/// A percent-encoded `application/x-www-form-urlencoded` text (a query
/// string or a form body): every decoded key and value.
pub fn check_form(encoded: &[u8]) -> Result<(), Error> {
    for part in encoded.split(|b| *b == b'&' || *b == b'=') {
        let plus_as_space: Vec<u8> = part.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
        let decoded: Vec<u8> = percent_decode(&plus_as_space).collect();
        check_text(&decoded)?;
    }
    Ok(())
}

/// A JSON document: no control character raw or escaped in any string.
/// Outside strings such bytes are a syntax error anyway, so the scan need
/// not know where strings start; it only has to read escapes whole.
pub fn check_json(bytes: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| rejected())?;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b' | 'f') => return Err(rejected()),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    if code.is_some_and(is_forbidden) {
                        return Err(rejected());
                    }
                }
                _ => {}
            }
        } else if is_forbidden(c) {
            return Err(rejected());
        }
    }
    Ok(())
}

/// Refuses a request whose path or query holds a control character or
/// invalid UTF-8 once decoded.
pub async fn reject_control_characters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let path_ok = check_text(&percent_decode(uri.path().as_bytes()).collect::<Vec<u8>>()).is_ok();
    let query_ok = uri.query().is_none_or(|q| check_form(q.as_bytes()).is_ok());
    if !(path_ok && query_ok) {
        return rejected().into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_controls_are_found_raw_and_escaped() {
        assert!(check_json(br#"{"a":"line\nnext\ttab\r"}"#).is_ok());
        assert!(check_json(br#"{"a":"caf\u00e9 \u0009"}"#).is_ok());
        assert!(check_json(br#"{"a":"a\u0000b"}"#).is_err());
        assert!(check_json(br#"{"a":"a\u001Fb"}"#).is_err());
        assert!(check_json(br#"{"a":"a\u0085b"}"#).is_err());
        assert!(check_json(br#"{"a\u0000":1}"#).is_err());
        assert!(check_json(br#"{"a":"\b"}"#).is_err());
        assert!(check_json("{\"a\":\"\u{7f}\"}".as_bytes()).is_err());
        assert!(check_json("{\"a\":\"\u{85}\"}".as_bytes()).is_err());
        // An escaped backslash followed by "u0000" is text, not NUL.
        assert!(check_json(br#"{"a":"\\u0000"}"#).is_ok());
        assert!(check_json(b"{\"a\":\"\xff\"}").is_err());
    }

    #[test]
    fn forms_and_queries_are_decoded_first() {
        assert!(check_form(b"company=Acme+Inc&q=caf%C3%A9").is_ok());
        assert!(check_form(b"company=%00").is_err());
        assert!(check_form(b"a%00=1").is_err());
        assert!(check_form(b"q=%FF").is_err());
        assert!(check_form(b"q=%0A").is_ok());
        assert!(check_form(b"q=100%").is_ok());
    }
}
