//! The tRPC response shapes and error codes.

use serde_json::{json, Value};

use crate::web::error::Error;

pub fn success_body(data: Value) -> Value {
    json!({"result": {"data": data}})
}

/// tRPC's error code name and JSON-RPC number for one of our errors.
pub fn code(err: &Error) -> (&'static str, i32) {
    match err {
        Error::BadRequest(..) | Error::Validation(_) | Error::PayloadTooLarge => ("BAD_REQUEST", -32600),
        Error::Unauthorized | Error::BadCredentials(_) => ("UNAUTHORIZED", -32001),
        Error::Forbidden(_) | Error::Suspended(_) => ("FORBIDDEN", -32003),
        Error::NotFound => ("NOT_FOUND", -32004),
        Error::MethodNotAllowed => ("METHOD_NOT_SUPPORTED", -32005),
        Error::Conflict(..) => ("CONFLICT", -32009),
        Error::RateLimited(_) => ("TOO_MANY_REQUESTS", -32029),
        Error::Internal(_) => ("INTERNAL_SERVER_ERROR", -32603),
    }
}

/// The HTTP status tRPC uses: bad input is 400 (our REST answers 422).
pub fn http_status(err: &Error) -> axum::http::StatusCode {
    match err {
        Error::Validation(_) => axum::http::StatusCode::BAD_REQUEST,
        other => other.status(),
    }
}

pub fn error_body(err: &Error, path: &str) -> Value {
    let (name, number) = code(err);
    let status = http_status(err).as_u16();
    let mut data = json!({"code": name, "httpStatus": status, "path": path});
    if let Error::Validation(fields) = err {
        data["fields"] = json!(fields.0);
    }
    let message = match err {
        Error::Validation(fields) => fields
            .0
            .values()
            .next()
            .cloned()
            .unwrap_or_else(|| err.public_message()),
        Error::NotFound => format!("No procedure or record found for \"{path}\"."),
        other => other.public_message(),
    };
    json!({"error": {"message": message, "code": number, "data": data}})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_trpc_codes() {
        let body = error_body(&Error::Conflict("x", "Taken".into()), "miniMentorship.claimRequest");
        assert_eq!(body["error"]["code"], -32009);
        assert_eq!(body["error"]["data"]["code"], "CONFLICT");
        assert_eq!(body["error"]["data"]["httpStatus"], 409);
        assert_eq!(body["error"]["message"], "Taken");
        let invalid = error_body(&Error::field("title", "Title is too short."), "p");
        assert_eq!(invalid["error"]["data"]["httpStatus"], 400);
        assert_eq!(invalid["error"]["data"]["fields"]["title"], "Title is too short.");
        assert_eq!(success_body(json!([1]))["result"]["data"], json!([1]));
    }
}
