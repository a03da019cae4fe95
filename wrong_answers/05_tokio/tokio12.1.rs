// wrong: spawns each client but awaits its task at once: the server still serves one client to the end before accepting the next
// tokio12 — an echo server: one task per connection.
//
// `TcpListener::accept().await` hands over one connection at a time. If the
// accept loop itself serves that connection to the end, the next client
// waits in the kernel's backlog until the first one hangs up. The Tokio way
// is to spawn a task per connection: a task is one heap allocation holding
// its future's state, with no OS thread or stack of its own, so ten thousand
// idle connections cost ten thousand small tasks. Binding to port 0 lets the
// OS pick a free port, which `local_addr()` reports: that is how the tests
// run a real server on 127.0.0.1 without colliding with anything.
// (roadmap.md §3)

use std::io;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Sends back every byte it receives until the client closes its side.
async fn echo(mut socket: TcpStream) -> io::Result<()> {
    let mut buf = vec![0u8; 1024];
    loop {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        socket.write_all(&buf[..n]).await?;
    }
}

/// Accepts clients forever.
async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        let (socket, peer) = listener.accept().await?;
        let _ = tokio::spawn(async move {
            if let Err(err) = echo(socket).await {
                eprintln!("{peer}: {err}");
            }
        })
        .await;

    }
}

async fn ask(client: &mut TcpStream, message: &str) -> io::Result<String> {
    client.write_all(message.as_bytes()).await?;
    let mut reply = vec![0u8; message.len()];
    client.read_exact(&mut reply).await?;
    Ok(String::from_utf8_lossy(&reply).into_owned())
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    println!("echo server on {addr}");
    tokio::spawn(serve(listener));

    let mut alice = TcpStream::connect(addr).await?;
    let mut bob = TcpStream::connect(addr).await?;
    println!(
        "alice hears: {}",
        ask(&mut alice, "hello from alice").await?
    );
    println!("bob hears: {}", ask(&mut bob, "hello from bob").await?);
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use std::time::Duration;
    use tokio::time::timeout;

    async fn start_server() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        addr
    }

    // Real sockets, so real time: the timeout only elapses if the test fails.
    const PATIENCE: Duration = Duration::from_secs(2);

    #[tokio::test]
    async fn echoes_what_it_receives() {
        let addr = start_server().await;
        let mut client = TcpStream::connect(addr).await.unwrap();
        assert_eq!(ask(&mut client, "ping").await.unwrap(), "ping");
        assert_eq!(ask(&mut client, "ünïcödé ✓").await.unwrap(), "ünïcödé ✓");
    }

    #[tokio::test]
    async fn serves_two_clients_at_once() {
        let addr = start_server().await;
        let mut first = TcpStream::connect(addr).await.unwrap();
        assert_eq!(ask(&mut first, "one").await.unwrap(), "one");

        let mut second = TcpStream::connect(addr).await.unwrap();
        let reply = timeout(PATIENCE, ask(&mut second, "two"))
            .await
            .expect(
                "the second client got no echo while the first one was still connected: \
                 each connection needs its own task",
            )
            .unwrap();
        assert_eq!(reply, "two");
        assert_eq!(ask(&mut first, "still here").await.unwrap(), "still here");
    }
}
