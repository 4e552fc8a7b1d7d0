//! The `listen` server: HTTP/1.1 on hyper over tokio, one task per
//! connection, header and body read timeouts, and a graceful stop on
//! SIGINT or SIGTERM (stop accepting, finish the requests in flight).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Semaphore;

use super::Totals;
use super::hook::{State, handle};

/// Connections served at once.
const MAX_CONNECTIONS: usize = 1024;

/// How the server listens.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub bind: SocketAddr,
    /// Longest wait for a request's headers (and between requests on a
    /// kept-alive connection).
    pub header_timeout: Duration,
    /// Longest wait for the requests in flight once told to stop.
    pub grace: Duration,
    /// Worker threads (`--jobs`).
    pub threads: usize,
}

/// What the server reports as it runs: its address once bound, and
/// trouble that does not stop it.
pub trait Announce: Send + 'static {
    fn listening(&mut self, address: SocketAddr);
    fn stopping(&mut self, in_flight: bool);
}

/// Binds, serves until SIGINT or SIGTERM, and returns the totals.
pub fn run(config: Config, state: State, announce: impl Announce) -> Result<Totals> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.threads.max(1))
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let state = Arc::new(state);
    runtime.block_on(serve(config, Arc::clone(&state), announce))?;
    // The connections that outlived the grace period end with the runtime.
    drop(runtime);
    let totals = state.totals.lock().map(|t| t.clone()).unwrap_or_default();
    Ok(totals)
}

async fn serve(config: Config, state: Arc<State>, mut announce: impl Announce) -> Result<()> {
    // Installed before the address is announced: a signal sent as soon as
    // it is known stops the server gracefully, not by default action.
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot handle SIGINT")?;
    let mut terminate = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    announce.listening(
        listener
            .local_addr()
            .context("cannot read the bound address")?,
    );
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // At most MAX_CONNECTIONS at once: bounds memory; more wait in
        // the kernel's queue.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.context("no connection slots")?,
            _ = interrupt.recv() => break,
            _ = terminate.recv() => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait, go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = interrupt.recv() => break,
            _ = terminate.recv() => break,
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        let service = service_fn(move |request| handle(Arc::clone(&state), remote, request));
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out ends its connection.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    let in_flight = tokio::time::timeout(config.grace, graceful.shutdown())
        .await
        .is_err();
    announce.stopping(in_flight);
    Ok(())
}
