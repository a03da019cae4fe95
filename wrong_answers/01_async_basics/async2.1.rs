// wrong: polls the future once (`now_or_never`) instead of driving it to the end: the price is still on its way
// async2 — `block_on`: where sync code starts running a future.
//
// `.await` only works inside async code, and `fn main` is not async. At the
// edge of every async program, plain code drives the outermost future: an
// *executor*. It polls the future; when the future answers "not ready yet"
// (`Poll::Pending`), the executor waits until the future's *waker* says that
// polling again is worthwhile (a reply arrived, a timer fired), and so on
// until the output is ready. The smallest executor is
// `futures::executor::block_on(future)`: it drives one future on the current
// thread, sleeping in between, and returns the output. Use it at the edges
// (main, a sync callback, a test), never inside async code: a blocked thread
// cannot poll anything else. roadmap.md §3

use std::thread;

use futures::channel::oneshot;
use futures::FutureExt;

/// The async part of the program: the price (in cents) comes from a worker
/// thread, so awaiting it really is `Pending` until the reply arrives.
async fn price_of(item: &str) -> Option<u32> {
    let (reply, answer) = oneshot::channel();
    let item = item.to_string();
    thread::spawn(move || {
        let price = match item.as_str() {
            "apple" => Some(40),
            "pear" => Some(55),
            "fig" => Some(120),
            _ => None,
        };
        let _ = reply.send(price);
    });
    answer.await.ok().flatten()
}

async fn basket_total(items: &[&str]) -> Option<u32> {
    let mut total = 0;
    for item in items {
        total += price_of(item).await?;
    }
    Some(total)
}

/// Plain, non-async code (think: a command-line handler) that needs the total.
fn checkout(items: &[&str]) -> String {
    match basket_total(items).now_or_never().flatten() {

        Some(cents) => format!("total: {}.{:02}", cents / 100, cents % 100),
        None => "an item has no price".to_string(),
    }
}

fn main() {
    for basket in [&["apple", "fig"][..], &["pear", "pear", "pear"], &["kiwi"]] {
        println!("{basket:?} -> {}", checkout(basket));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_a_basket() {
        assert_eq!(checkout(&["apple", "fig"]), "total: 1.60");
        assert_eq!(checkout(&["pear", "pear"]), "total: 1.10");
    }

    #[test]
    fn empty_basket_and_unknown_item() {
        assert_eq!(checkout(&[]), "total: 0.00");
        assert_eq!(checkout(&["apple", "kiwi"]), "an item has no price");
    }
}
