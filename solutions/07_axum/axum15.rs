// axum15 — serving for real, and stopping cleanly: graceful shutdown.
//
// `axum::serve(listener, app)` accepts connections on a tokio `TcpListener`
// and runs the router for each request; awaited as it is, it never returns.
// A service being redeployed should instead stop accepting connections, let
// requests in flight finish, then exit: `.with_graceful_shutdown(signal)`
// does that once the `signal` future completes. In production that is Ctrl-C
// or SIGTERM (`tokio::signal`); here a oneshot channel lets the program stop
// itself. Port 0 lets the OS pick a free port (`local_addr()` says which);
// the test speaks raw HTTP/1.1 over a `TcpStream`, no HTTP client needed.
//
// roadmap.md §4

use std::{io, net::SocketAddr};

use axum::{Router, routing::get};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::oneshot,
};

async fn hello() -> &'static str {
    "hello over TCP"
}

fn app() -> Router {
    Router::new().route("/", get(hello))
}

/// Serves `app` on `listener` until `shutdown` completes, then waits for
/// the requests in flight and returns.
async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Sends `GET path` over a new connection and returns the raw response.
async fn http_get(addr: SocketAddr, path: &str) -> io::Result<String> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    Ok(response)
}

/// Starts serving `app` on a free port: returns its address, the switch that
/// stops it, and the task to await for its end.
async fn start(
    app: Router,
) -> io::Result<(
    SocketAddr,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<io::Result<()>>,
)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app, async {
        // An error means the sender was dropped: stop as well.
        stopped.await.ok();
    }));
    Ok((addr, stop, server))
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let (addr, stop, server) = start(app()).await?;
    println!("listening on http://{addr}");
    let response = http_get(addr, "/").await?;
    println!("GET / ->\n{response}\n");
    stop.send(()).ok();
    server.await??;
    println!("server stopped cleanly");
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::sync::Notify;

    #[tokio::test]
    async fn answers_over_a_real_socket() {
        let (addr, _stop, _server) = start(app()).await.unwrap();
        let response = http_get(addr, "/").await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        assert!(response.ends_with("\r\n\r\nhello over TCP"), "{response}");
    }

    #[tokio::test]
    async fn stops_when_told_to() {
        let (addr, stop, server) = start(app()).await.unwrap();
        http_get(addr, "/").await.unwrap();
        stop.send(()).unwrap();
        let finished = tokio::time::timeout(Duration::from_secs(2), server).await;
        let result = finished.expect(
            "the server still runs 2 s after the shutdown signal: \
             `serve` must stop when its `shutdown` future completes",
        );
        result.unwrap().unwrap();
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "after shutdown the port is closed"
        );
    }

    static SLOW_STARTED: Notify = Notify::const_new();
    static SLOW_MAY_END: Notify = Notify::const_new();

    async fn slow() -> &'static str {
        SLOW_STARTED.notify_one();
        SLOW_MAY_END.notified().await;
        "finished anyway"
    }

    #[tokio::test]
    async fn a_request_in_flight_is_answered_before_it_stops() {
        let (addr, stop, mut server) = start(app().route("/slow", get(slow))).await.unwrap();
        let request = tokio::spawn(http_get(addr, "/slow"));
        SLOW_STARTED.notified().await;
        stop.send(()).unwrap();
        let stopped = tokio::time::timeout(Duration::from_millis(200), &mut server).await;
        assert!(
            stopped.is_err(),
            "the server stopped while a request was still being answered: a \
             graceful shutdown waits for the requests in flight"
        );
        SLOW_MAY_END.notify_one();
        let response = request.await.unwrap().unwrap();
        assert!(response.ends_with("\r\n\r\nfinished anyway"), "{response}");
        let finished = tokio::time::timeout(Duration::from_secs(2), server).await;
        let result = finished.expect("the server still runs 2 s after its last request ended");
        result.unwrap().unwrap();
    }
}
