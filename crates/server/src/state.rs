use std::sync::Arc;

use mentorhub_domain::{Clock, Horizon, SystemClock};
use mentorhub_store::Store;

use crate::config::Config;
use crate::realtime::publisher::Publisher;
use crate::realtime::ChatHub;
use crate::services::accounts::password::Hasher;
use crate::services::accounts::token_cache::TokenCache;
use crate::services::calendar::import::fetch::FeedClient;
use crate::services::chat::batches::MessageBatches;
use crate::services::chat::send_limiter::SendLimiter;
use crate::services::limits::Limits;
use crate::services::mail::smtp::Mailer;
use crate::services::vocabulary::VocabularyCache;
use crate::web::metrics::Metrics;
use crate::web::response_cache::ResponseCache;

/// Everything a request handler may use; no global state. One pointer,
/// so the clone every middleware layer and handler takes is one reference
/// count, not one per part (2.5 % of a simple read's time in a profile).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What an `AppState` points to.
#[derive(Clone)]
pub struct Shared {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub limits: Limits,
    pub metrics: Arc<Metrics>,
    pub hub: Arc<ChatHub>,
    pub chat_limiter: Arc<SendLimiter>,
    /// SMTP delivery, or holding mail in the outbox when there is no server.
    pub mailer: Arc<Mailer>,
    /// The key that signs unsubscribe links, once read from the database.
    pub unsubscribe_key: Arc<tokio::sync::OnceCell<Vec<u8>>>,
    /// Wakes this instance's job runner when a job due now was enqueued.
    pub jobs_wake: Arc<tokio::sync::Notify>,
    /// Password hashing, at most one hash per core at once.
    pub hasher: Hasher,
    /// Specializations and search words, refreshed once a minute.
    pub vocabulary: Arc<VocabularyCache>,
    /// Fetches connected calendars (public addresses only, unless allowed).
    pub feeds: FeedClient,
    /// Whose a token is, remembered for a second.
    pub tokens: Arc<TokenCache>,
    /// Sends events to every instance (PostgreSQL), batched.
    pub publisher: Arc<Publisher>,
    /// Writes chat messages that arrive together in one statement (PostgreSQL).
    pub message_batches: Arc<MessageBatches>,
    /// Answers of hot reads, for up to a second while their tables stand.
    pub responses: Arc<ResponseCache>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        Self::with_parts(store, config, Arc::new(SystemClock), Limits::default())
    }

    pub fn with_parts(store: Store, config: Config, clock: Arc<dyn Clock>, limits: Limits) -> Self {
        let mailer = Mailer::from_config(&config).unwrap_or_else(|err| {
            tracing::error!(error = %err, "mail is held in the outbox");
            Mailer::Hold {
                from: "Mentorhub <no-reply@mentorhub.local>".parse().expect("a valid address"),
            }
        });
        Self(Arc::new(Shared {
            hasher: Hasher::per_core(),
            vocabulary: Arc::default(),
            tokens: Arc::default(),
            publisher: Arc::default(),
            message_batches: Arc::default(),
            responses: Arc::new(ResponseCache::new(config.response_cache)),
            feeds: FeedClient::new(config.calendar_allow_private),
            mailer: Arc::new(mailer),
            store,
            clock,
            config: Arc::new(config),
            limits,
            metrics: Arc::new(Metrics::default()),
            hub: Arc::new(ChatHub::default()),
            chat_limiter: Arc::new(SendLimiter::default()),
            jobs_wake: Arc::new(tokio::sync::Notify::new()),
            unsubscribe_key: Arc::new(tokio::sync::OnceCell::new()),
        }))
    }

    /// The same parts with another configuration (a second listener in tests).
    pub fn with_config(&self, config: Config) -> Self {
        let mut shared = (*self.0).clone();
        shared.config = Arc::new(config);
        Self(Arc::new(shared))
    }

    /// Now and the latest date a person may name (`MENTORHUB_BOOKING_HORIZON`).
    pub fn horizon(&self) -> Horizon {
        let ahead = chrono::Duration::from_std(self.config.booking_horizon).unwrap_or(chrono::Duration::days(365));
        Horizon::new(self.clock.now(), ahead)
    }
}
