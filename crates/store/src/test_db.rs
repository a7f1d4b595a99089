//! Temporary SQLite databases for the store's own tests.

use std::path::PathBuf;

use uuid::Uuid;

use crate::Store;

/// A store on a fresh SQLite file; the file goes when this is dropped.
pub(crate) struct TempDb {
    pub path: PathBuf,
    pub store: Store,
}

impl TempDb {
    /// An empty database (no migrations).
    pub async fn sqlite() -> Self {
        let path = std::env::temp_dir().join(format!("mentorhub-store-{}.db", Uuid::new_v4().simple()));
        let store = Store::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        Self { path, store }
    }

    /// A database with the store's tables.
    pub async fn migrated() -> Self {
        let db = Self::sqlite().await;
        db.store.migrate().await.unwrap();
        db
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}
