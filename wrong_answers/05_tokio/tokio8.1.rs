// wrong: skips ahead after `Lagged` but does not count what was skipped: `missed` stays 0
// tokio8 — broadcast: every subscriber gets every message, if it keeps up.
//
// `tokio::sync::broadcast` delivers each message to every receiver that
// existed when it was sent (a receiver made later starts from "now"). The
// channel keeps only the last `capacity` messages, so one slow receiver
// cannot make the sender buffer forever. Instead, a receiver that falls too
// far behind gets `Err(RecvError::Lagged(n))`: the n oldest messages it had
// not read are gone, and its next `recv()` continues from the oldest one
// still kept. Lagging is a report, not the end; only `RecvError::Closed`
// (every Sender dropped, nothing left to read) is. (roadmap.md §3)

use tokio::sync::broadcast::{self, error::RecvError};

const CAPACITY: usize = 4;

struct Member {
    inbox: broadcast::Receiver<String>,
    /// How many messages this member lost by falling behind.
    missed: u64,
}

impl Member {
    /// The next message for this member, or `None` once the room is closed.
    async fn next_message(&mut self) -> Option<String> {
        loop {
            match self.inbox.recv().await {
                Ok(message) => return Some(message),
                Err(RecvError::Lagged(_)) => continue,

                Err(RecvError::Closed) => return None,
            }
        }
    }
}

struct Room {
    sender: broadcast::Sender<String>,
}

impl Room {
    fn new() -> Self {
        let (sender, _) = broadcast::channel(CAPACITY);
        Self { sender }
    }

    fn join(&self) -> Member {
        Member {
            inbox: self.sender.subscribe(),
            missed: 0,
        }
    }

    /// Posts a message; returns how many members it was delivered to.
    fn say(&self, text: &str) -> usize {
        // `send` fails only when nobody is subscribed: then nobody got it.
        self.sender.send(text.to_string()).unwrap_or(0)
    }
}

#[tokio::main]
async fn main() {
    let room = Room::new();
    let mut quick = room.join();
    let mut sleepy = room.join();
    for n in 1..=6 {
        room.say(&format!("message {n}"));
        let read = quick.next_message().await;
        println!("quick reads {read:?}");
    }
    drop(room);
    while let Some(message) = sleepy.next_message().await {
        println!("sleepy reads {message:?}");
    }
    println!("sleepy missed {} message(s)", sleepy.missed);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_member_gets_every_message() {
        let room = Room::new();
        let mut ann = room.join();
        let mut bo = room.join();
        assert_eq!(room.say("hi"), 2);
        assert_eq!(room.say("bye"), 2);
        for member in [&mut ann, &mut bo] {
            assert_eq!(member.next_message().await.as_deref(), Some("hi"));
            assert_eq!(member.next_message().await.as_deref(), Some("bye"));
        }
    }

    #[tokio::test]
    async fn a_member_who_fell_behind_skips_ahead_and_keeps_reading() {
        let room = Room::new();
        let mut slow = room.join();
        for n in 0..10 {
            room.say(&format!("message {n}"));
        }
        assert_eq!(
            slow.next_message().await.as_deref(),
            Some("message 6"),
            "after lagging, the member should go on with the oldest message still kept"
        );
        assert_eq!(slow.missed, 6, "messages 0 to 5 were lost");
        assert_eq!(slow.next_message().await.as_deref(), Some("message 7"));
    }

    #[tokio::test]
    async fn a_closed_room_ends_the_conversation() {
        let room = Room::new();
        let mut last = room.join();
        room.say("closing time");
        drop(room);
        assert_eq!(last.next_message().await.as_deref(), Some("closing time"));
        assert_eq!(last.next_message().await, None);
    }
}
