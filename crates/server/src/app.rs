//! Assembles the router and runs the server.

use std::net::SocketAddr;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{self};
use axum::response::IntoResponse;
use axum::Router;
use mentorhub_store::Store;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Config;
use crate::realtime;
use crate::state::AppState;
use crate::web::api::openapi::ApiDoc;
use crate::web::error::Error;
use crate::web::{self, api, pages};

pub use crate::web::BODY_LIMIT;

/// The whole HTTP surface; a plain function so tests can call it in-process.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::router(&state))
        .route("/api/ws", axum::routing::get(realtime::ws::connect))
        .merge(pages::router(&state))
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", ApiDoc::openapi()))
        .route(
            "/trpc/{procedures}",
            axum::routing::get(crate::web::trpc::handle).post(crate::web::trpc::handle),
        )
        .fallback(pages::errors::not_found)
        .layer(middleware::from_fn(web::input_guard::reject_control_characters))
        .layer(middleware::from_fn(web::middleware::uniform_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::errors::html_errors,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), web::middleware::track))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::middleware::security_headers,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(web::middleware::run_to_completion))
        .layer(CatchPanicLayer::custom(|_| {
            Error::internal("handler panicked").into_response()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A bound, ready-to-run server (zero-to-production's shape): tests bind
/// port 0 and read the address back.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let store = Store::connect(&config.database_url)
            .await
            .with_context(|| "could not open the database (check MENTORHUB_DATABASE_URL)")?;
        store.migrate().await.context("could not apply database migrations")?;
        let state = AppState::new(store, config);
        Self::with_state(state).await
    }

    pub async fn with_state(state: AppState) -> anyhow::Result<Self> {
        let bind = state.config.bind;
        let listener = TcpListener::bind(bind)
            .await
            .with_context(|| format!("could not listen on {bind}"))?;
        Ok(Self { listener, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes requests in flight.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    pub async fn run_until(self, stop: impl std::future::Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let app = router(self.state.clone());
        let (stop_jobs, jobs_stopped) = tokio::sync::watch::channel(false);
        let jobs = tokio::spawn(crate::jobs::run_until(self.state.clone(), jobs_stopped));
        let listener = tokio::spawn(crate::realtime::events::listen_forever(self.state.clone()));
        let served = axum::serve(self.listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop)
            .await
            .context("server error");
        // A job that started is finished (within reason) before we exit.
        let _ = stop_jobs.send(true);
        if tokio::time::timeout(std::time::Duration::from_secs(30), jobs)
            .await
            .is_err()
        {
            tracing::warn!("the job runner did not stop within 30 s");
        }
        listener.abort();
        served?;
        self.state.store.close().await;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
