//! A tRPC-compatible endpoint at `/trpc/miniMentorship.<procedure>`, in the
//! wire format `@trpc/client` (v10/v11, no transformer) speaks: queries by
//! GET with `?input=`, mutations by POST with the input as body, batches
//! with `?batch=1` and inputs keyed "0", "1", ...

mod procedures;
mod wire;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use crate::state::AppState;
use crate::web::auth::CurrentUser;
use crate::web::error::Error;
use crate::web::extract::body_error;
use crate::web::input_guard;
use procedures::Kind;
use wire::{error_body, http_status, success_body};

/// The most calls one batch may carry; more could make one request do the
/// work of thousands.
pub const MAX_BATCH: usize = 10;

pub async fn handle(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path().trim_start_matches("/trpc/").to_owned();
    let query: Vec<(String, String)> = serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).unwrap_or_default();
    // `@trpc/client` sends `batch=1`; any other value is not a batch.
    let batch = query.iter().any(|(k, v)| k == "batch" && (v == "1" || v == "true"));
    let names: Vec<String> = path.split(',').map(percent_decode).collect();
    if names.len() > MAX_BATCH || (!batch && names.len() > 1) {
        let err = if batch {
            Error::BadRequest(
                "batch_too_large",
                format!("A batch may hold at most {MAX_BATCH} calls."),
            )
        } else {
            Error::BadRequest("not_a_batch", "Several procedures need ?batch=1.".into())
        };
        return respond(batch, vec![http_status(&err)], vec![error_body(&err, &path)]);
    }

    // Whole-request failures (auth, CSRF, unreadable input) apply to every call.
    let failure = |err: Error| -> Response {
        let bodies: Vec<Value> = names.iter().map(|n| error_body(&err, n)).collect();
        respond(batch, vec![http_status(&err); bodies.len()], bodies)
    };
    let user = match CurrentUser::from_request_parts(&mut parts, &state).await {
        Ok(current) => Some(current.user),
        Err(Error::Unauthorized) => None,
        Err(err) => return failure(err),
    };
    let raw_input = if parts.method == Method::GET {
        query.iter().find(|(k, _)| k == "input").map(|(_, v)| v.clone())
    } else {
        let request = Request::from_parts(parts.clone(), body);
        match Bytes::from_request(request, &state).await {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => None,
            Ok(bytes) => match String::from_utf8(bytes.to_vec()) {
                Ok(text) => Some(text),
                Err(_) => return failure(Error::BadRequest("parse_error", "The input is not valid UTF-8.".into())),
            },
            Err(rejection) => return failure(body_error(rejection)),
        }
    };
    if let Some(Err(err)) = raw_input.as_deref().map(|raw| input_guard::check_json(raw.as_bytes())) {
        return failure(err);
    }
    let input: Value = match raw_input.as_deref().map(serde_json::from_str::<Value>) {
        None => Value::Null,
        Some(Ok(value)) => value,
        Some(Err(_)) => return failure(Error::BadRequest("parse_error", "The input is not valid JSON.".into())),
    };

    let mut statuses = Vec::with_capacity(names.len());
    let mut bodies = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let this_input = if batch {
            input.get(index.to_string()).cloned().unwrap_or(Value::Null)
        } else {
            input.clone()
        };
        let result = match procedures::kind(name) {
            None => Err(Error::NotFound),
            Some(Kind::Query) if parts.method != Method::GET => Err(Error::MethodNotAllowed),
            Some(Kind::Mutation) if parts.method != Method::POST => Err(Error::MethodNotAllowed),
            Some(_) => procedures::call(&state, user.as_ref(), name, this_input).await,
        };
        match result {
            Ok(data) => {
                statuses.push(StatusCode::OK);
                bodies.push(success_body(data));
            }
            Err(err) => {
                if let Error::Internal(cause) = &err {
                    tracing::error!(error.cause = %cause, trpc.path = %name, "procedure failed");
                }
                statuses.push(http_status(&err));
                bodies.push(error_body(&err, name));
            }
        }
    }
    respond(batch, statuses, bodies)
}

fn respond(batch: bool, statuses: Vec<StatusCode>, mut bodies: Vec<Value>) -> Response {
    if !batch {
        let status = statuses.first().copied().unwrap_or(StatusCode::OK);
        return (status, Json(bodies.pop().unwrap_or(Value::Null))).into_response();
    }
    // As tRPC does: one status when all calls agree, 207 otherwise.
    let status = match statuses.first() {
        Some(first) if statuses.iter().all(|s| s == first) => *first,
        Some(_) => StatusCode::MULTI_STATUS,
        None => StatusCode::OK,
    };
    (status, Json(Value::Array(bodies))).into_response()
}

fn percent_decode(value: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={value}"))
        .ok()
        .and_then(|mut pairs| pairs.pop())
        .map(|(_, v)| v)
        .unwrap_or_else(|| value.to_owned())
}
