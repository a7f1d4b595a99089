//! One-click unsubscribe links: `{base}/unsubscribe/{token}`, where the
//! token names a person and a preference kind and carries an HMAC-SHA256
//! under a key the server made once and keeps in the database (every
//! instance signs and checks alike). A changed token does not verify.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::services::accounts::tokens::new_token;
use crate::services::error::Result;
use crate::state::AppState;

const KEY_NAME: &str = "unsubscribe";

/// The key, read from the database once per process (every email signs a
/// link, so this stays off the per-email path).
async fn key(state: &AppState) -> Result<&[u8]> {
    let key = state
        .unsubscribe_key
        .get_or_try_init(|| async {
            let fresh = new_token();
            let key = state.store.server_secret(KEY_NAME, &fresh, state.clock.now()).await?;
            Ok::<_, crate::services::Error>(key.into_bytes())
        })
        .await?;
    Ok(key)
}

fn signature(key: &[u8], body: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(body.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The token for turning off `kind` email for `user`.
pub async fn token(state: &AppState, user: Uuid, kind: &str) -> Result<String> {
    let body = format!("{}.{kind}", user.simple());
    let sig = URL_SAFE_NO_PAD.encode(signature(key(state).await?, &body));
    Ok(format!("{body}.{sig}"))
}

/// The person and kind a token names, if it is one we signed.
pub async fn verify(state: &AppState, token: &str) -> Result<Option<(Uuid, String)>> {
    let mut parts = token.splitn(3, '.');
    let (Some(user), Some(kind), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (Ok(user_id), Ok(given)) = (Uuid::parse_str(user), URL_SAFE_NO_PAD.decode(sig)) else {
        return Ok(None);
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(key(state).await?).expect("HMAC takes any key length");
    mac.update(format!("{user}.{kind}").as_bytes());
    // Constant-time comparison.
    Ok(mac.verify_slice(&given).is_ok().then(|| (user_id, kind.to_owned())))
}
