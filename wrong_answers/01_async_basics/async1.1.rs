// wrong: `let _ =` silences the must-use error: the future is still dropped unpolled and no mail is sent
// async1 — a future does nothing until it is polled; `.await` polls it.
//
// Calling an `async fn` runs none of its body. It returns a *future*: a value
// that describes the work, and does it only when something polls it. Inside
// async code, `.await` is how you poll: `f().await` runs `f`'s future to its
// end, then goes on with its output. Outside async code an *executor* polls
// the outermost future; here that is `futures::executor::block_on` in `main`
// and in the tests (async2 is about it). A future that is made and dropped
// never runs at all. rustc warns about that ("futures do nothing unless you
// `.await` or poll them"), and this course turns the warning into an error
// (the workspace lint `unused_must_use = "deny"`). roadmap.md §3

use std::cell::RefCell;

use futures::executor::block_on;

/// Stands in for a mail server: it records what it was asked to send.
struct Outbox {
    sent: RefCell<Vec<String>>,
}

impl Outbox {
    async fn send(&self, to: &str, text: &str) {
        self.sent.borrow_mut().push(format!("to {to}: {text}"));
    }
}

/// Tells every user the news; returns how many mails went out.
async fn notify_all(outbox: &Outbox, users: &[&str]) -> usize {
    for user in users {
        let _ = outbox.send(user, "the build is green");

    }
    users.len()
}

fn main() {
    let outbox = Outbox {
        sent: RefCell::new(Vec::new()),
    };
    let future = notify_all(&outbox, &["ferris", "corro"]);
    println!(
        "future made, mails sent so far: {}",
        outbox.sent.borrow().len()
    );
    let count = block_on(future);
    println!("future polled to the end, it sent {count} mails:");
    for mail in outbox.sent.borrow().iter() {
        println!("  {mail}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn outbox() -> Outbox {
        Outbox {
            sent: RefCell::new(Vec::new()),
        }
    }

    #[test]
    fn sends_one_mail_per_user_in_order() {
        let outbox = outbox();
        assert_eq!(block_on(notify_all(&outbox, &["ann", "bob"])), 2);
        assert_eq!(
            *outbox.sent.borrow(),
            ["to ann: the build is green", "to bob: the build is green"],
            "every mail must really be sent"
        );
    }

    #[test]
    fn nothing_happens_until_the_future_is_polled() {
        let outbox = outbox();
        let future = notify_all(&outbox, &["ann"]);
        assert!(outbox.sent.borrow().is_empty(), "calling is not running");
        block_on(future);
        assert_eq!(
            outbox.sent.borrow().len(),
            1,
            "polling the future to its end sends the mail"
        );
    }
}
