// tokio3 — `tokio::spawn` and `JoinHandle`.
//
// `tokio::spawn` hands a future to the runtime as an independent task and
// returns at once with a `JoinHandle`. The task starts running without
// waiting to be awaited; awaiting the handle only collects its result, as a
// `Result<T, JoinError>`: `Err` when the task panicked or was aborted. A panic
// stays inside its task instead of taking the program down. Dropping a handle
// does not stop the task (it detaches); `handle.abort()` does. (roadmap.md §3)
//
// To run lookups at the same time, start them all first and only then await.

use std::time::Duration;

use tokio::time::sleep;

/// Pretends to ask a slow service for a user's name.
async fn lookup(id: u32) -> String {
    sleep(Duration::from_millis(100)).await;
    if id == 0 {
        panic!("the user service crashed on id 0");
    }
    format!("user-{id}")
}

/// Looks up every id concurrently. A lookup that panics gives `None`.
async fn lookup_all(ids: &[u32]) -> Vec<Option<String>> {
    let mut names = Vec::new();
    for &id in ids {
        // TODO: awaiting right after spawning makes the lookups run one after
        // another. Spawn them all first, keep the JoinHandles, then await.
        let handle = tokio::spawn(lookup(id));
        // TODO: a task that panicked comes back as `Err(JoinError)`: turn it
        // into `None` instead of unwrapping.
        names.push(Some(handle.await.unwrap()));
    }
    names
}

#[tokio::main]
async fn main() {
    println!("looking up ids 1, 2, 0, 3 (id 0 panics on purpose: only its task fails)");
    let started = tokio::time::Instant::now();
    let names = lookup_all(&[1, 2, 0, 3]).await;
    println!("{names:?} in {:?}", started.elapsed());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // Paused time: sleeps complete instantly, but the clock still adds them up.
    #[tokio::test(start_paused = true)]
    async fn lookups_run_at_the_same_time() {
        let started = Instant::now();
        let names = lookup_all(&[1, 2, 3]).await;
        assert_eq!(
            names,
            vec![
                Some("user-1".into()),
                Some("user-2".into()),
                Some("user-3".into())
            ]
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "three 100 ms lookups should take 100 ms together; were they awaited one by one?"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_panicking_lookup_becomes_none() {
        let names = lookup_all(&[4, 0, 5]).await;
        assert_eq!(
            names,
            vec![Some("user-4".into()), None, Some("user-5".into())]
        );
    }
}
