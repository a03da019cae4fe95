// wrong: spawns in a lazy `map` without `collect`: each task is spawned only when the loop reaches it, so the lookups still run one by one
// tokio3 — `tokio::spawn` and `JoinHandle`: start everything, then await.
//
// `tokio::spawn` hands a future to the runtime as an independent task and
// returns at once with a `JoinHandle`. The task starts running without
// waiting to be awaited; awaiting the handle only collects its result.
// Dropping a handle does not stop the task (it detaches); `handle.abort()`
// does. So to run lookups at the same time, start them all first and only
// then await their handles. (roadmap.md §3)

use std::time::Duration;

use tokio::time::sleep;

/// Pretends to ask a slow service for a user's name.
async fn lookup(id: u32) -> String {
    sleep(Duration::from_millis(100)).await;
    format!("user-{id}")
}

/// Looks up every id concurrently, and returns the names in the ids' order.
async fn lookup_all(ids: &[u32]) -> Vec<String> {
    let handles = ids.iter().map(|&id| tokio::spawn(lookup(id)));

    let mut names = Vec::new();
    for handle in handles {
        names.push(handle.await.expect("a lookup panicked"));
    }
    names
}

#[tokio::main]
async fn main() {
    let started = tokio::time::Instant::now();
    let names = lookup_all(&[1, 2, 3, 4]).await;
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
        assert_eq!(names, ["user-1", "user-2", "user-3"]);
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "three 100 ms lookups should take 100 ms together; were they awaited one by one?"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_ids_no_names() {
        assert!(lookup_all(&[]).await.is_empty());
    }
}
