//! argon2id password hashes, computed on the blocking pool so the async
//! threads keep serving while a hash is worked out. At most one hash per
//! core runs at once (`Hasher`): more would only queue for the CPU while
//! holding their work areas. The parameters are OWASP's m = 7 MiB, t = 5,
//! p = 1, as strong as its m = 19 MiB, t = 2 but with a third of the memory
//! per hash; hashes made with other parameters still verify (the PHC string
//! carries them) and are replaced at the next sign-in (`needs_rehash`).

use std::sync::Arc;

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use tokio::sync::Semaphore;

use crate::services::error::Error;

/// Bounds how many hashes run at once; cloned with the app state.
#[derive(Clone, Debug)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    /// One hash at a time per core this process may use.
    pub fn per_core() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::new(cores)
    }

    pub fn new(at_once: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
        }
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        tokio::task::spawn_blocking(work).await.map_err(Error::internal)
    }

    pub async fn hash(&self, password: String) -> Result<String, Error> {
        self.run(move || hash_blocking(&password)).await?
    }

    /// Checks a password. With no stored hash (unknown email) a dummy hash
    /// is checked instead, so both cases take the same time.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, Error> {
        self.run(move || {
            let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
            argon2().verify_password(password.as_bytes(), stored.as_str()).is_ok()
        })
        .await
    }
}

const MEMORY_KIB: u32 = 7 * 1024;
const ITERATIONS: u32 = 5;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Whether a stored hash was made with other parameters than today's.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    let today = format!("m={MEMORY_KIB},t={ITERATIONS},p=1");
    parsed.algorithm.as_str() != "argon2id"
        || parsed
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
            != today
}

pub fn hash_blocking(password: &str) -> Result<String, Error> {
    // A fresh random salt comes from the OS with every hash.
    argon2()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

/// The argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=7168,t=5,p=1$VpT1XBIMtAFOSAArBOSWuQ$GfQRcIZAqFrIchIzA0wTNGIDEB3wIDczMll+lgRPh94";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let hasher = Hasher::new(1);
        let hashed = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(hasher
            .verify("correct horse battery".into(), Some(hashed.clone()))
            .await
            .unwrap());
        assert!(!hasher.verify("wrong horse battery".into(), Some(hashed)).await.unwrap());
        assert!(!hasher.verify("anything at all".into(), None).await.unwrap());
    }

    #[test]
    fn hashes_use_todays_parameters_and_old_ones_are_replaced() {
        let fresh = hash_blocking("correct horse battery").unwrap();
        assert!(fresh.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{fresh}");
        assert!(!needs_rehash(&fresh));
        assert!(!needs_rehash(DUMMY_HASH), "unknown emails cost what known ones do");
        let older = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8OaSx4Xhh0c4nYQw1ahvbdGKTdxSg0MLo2Ehg5n0mO8";
        assert!(needs_rehash(older));
        assert!(needs_rehash("not a hash"));
    }

    #[tokio::test]
    async fn older_hashes_still_verify() {
        let older = Argon2::default()
            .hash_password(b"correct horse battery")
            .unwrap()
            .to_string();
        assert!(older.contains("m=19456"));
        assert!(Hasher::new(1)
            .verify("correct horse battery".into(), Some(older))
            .await
            .unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_permitted() {
        let hasher = Hasher::new(2);
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let jobs: Vec<_> = (0..8)
            .map(|_| {
                let (hasher, running, most) = (hasher.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    hasher
                        .run(move || {
                            let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                            most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(100));
                            running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                        })
                        .await
                        .unwrap()
                })
            })
            .collect();
        for job in jobs {
            job.await.unwrap();
        }
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
