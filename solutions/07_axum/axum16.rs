// axum16 — WebSockets: upgrade an HTTP request to a two-way connection.
//
// A WebSocket starts as an ordinary GET with `Connection: upgrade` and
// `Upgrade: websocket` headers; the server answers 101 Switching Protocols,
// and from then on both sides send messages whenever they like. In axum (with
// its `ws` feature) the `WebSocketUpgrade` extractor checks those headers, and
// `ws.on_upgrade(callback)` returns the 101 response and later runs
// `callback(socket)` on the upgraded connection, in its own task. A
// `WebSocket` has `recv().await` and `send(msg).await`; a `Message` is
// `Text`, `Binary`, `Ping`/`Pong` or `Close`. roadmap.md §4

use std::net::SocketAddr;

use axum::{
    Router,
    extract::ws::{Message, WebSocket, WebSocketUpgrade},
    response::Response,
    routing::get,
};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::{connect_async, tungstenite};

/// Talks to one client: answers every text message in capitals.
async fn shout(mut socket: WebSocket) {
    while let Some(Ok(message)) = socket.recv().await {
        if let Message::Text(text) = message {
            let reply = Message::Text(text.to_uppercase().into());
            if socket.send(reply).await.is_err() {
                break; // the client has gone
            }
        }
    }
}

async fn shout_route(ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(shout)
}

fn app() -> Router {
    Router::new().route("/shout", get(shout_route))
}

/// Serves `app()` on a free port of 127.0.0.1, in the background.
async fn start() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app()).await.unwrap() });
    addr
}

/// Connects as a WebSocket client, sends each line, returns each reply.
async fn converse(addr: SocketAddr, lines: &[&str]) -> Result<Vec<String>, tungstenite::Error> {
    let (mut socket, _response) = connect_async(format!("ws://{addr}/shout")).await?;
    let mut replies = Vec::new();
    for &line in lines {
        socket.send(tungstenite::Message::text(line)).await?;
        if let Some(reply) = socket.next().await {
            replies.push(reply?.into_text()?.to_string());
        }
    }
    socket.close(None).await?;
    Ok(replies)
}

#[tokio::main]
async fn main() {
    let addr = start().await;
    match converse(addr, &["hello", "is anyone there?"]).await {
        Ok(replies) => println!("ws://{addr}/shout answered {replies:?}"),
        Err(err) => println!("ws://{addr}/shout: {err}"),
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_message_gets_its_answer() {
        let addr = start().await;
        let replies = converse(addr, &["hello", "rust 2024"]).await.expect(
            "no conversation: does GET /shout upgrade the connection and run `shout` on it?",
        );
        assert_eq!(replies, ["HELLO", "RUST 2024"]);
    }

    #[tokio::test]
    async fn clients_do_not_share_a_socket() {
        let addr = start().await;
        let (first, second) = tokio::join!(converse(addr, &["a"]), converse(addr, &["b"]));
        assert_eq!(
            (first.unwrap(), second.unwrap()),
            (vec!["A".to_string()], vec!["B".to_string()])
        );
    }
}
