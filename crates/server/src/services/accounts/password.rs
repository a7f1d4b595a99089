//! argon2id password hashes, computed on the blocking pool so the async
//! threads keep serving while a hash is worked out.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use crate::services::error::Error;

pub async fn hash(password: String) -> Result<String, Error> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(Error::internal)?
}

pub fn hash_blocking(password: &str) -> Result<String, Error> {
    // A fresh random salt comes from the OS with every hash.
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

/// Checks a password. With no stored hash (unknown email) a dummy hash is
/// checked instead, so both cases take the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, Error> {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), stored.as_str())
            .is_ok())
    })
    .await
    .map_err(Error::internal)?
}

/// The argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8OaSx4Xhh0c4nYQw1ahvbdGKTdxSg0MLo2Ehg5n0mO8";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let hashed = hash("correct horse battery".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(hashed.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse battery".into(), Some(hashed)).await.unwrap());
        assert!(!verify("anything at all".into(), None).await.unwrap());
    }
}
