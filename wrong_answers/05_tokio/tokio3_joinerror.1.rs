// wrong: `unwrap_or_default()`: a crashed lookup becomes an empty name instead of `None`
// tokio3_joinerror — a panic stays inside its task: `JoinError`.
//
// Awaiting a `JoinHandle<T>` gives a `Result<T, JoinError>`. It is `Err` when
// the task panicked (or was aborted with `handle.abort()`): the runtime
// catches the panic at the task's edge, so one crashed request does not take
// the server down. The caller decides what a failed task means; unwrapping
// the result re-raises the panic in the caller, which is what we avoid here.
// (roadmap.md §3)

use std::time::Duration;

use tokio::time::sleep;

/// Pretends to ask a slow service for a user's name. Id 0 crashes it.
async fn lookup(id: u32) -> String {
    sleep(Duration::from_millis(100)).await;
    if id == 0 {
        panic!("the user service crashed on id 0");
    }
    format!("user-{id}")
}

/// Looks up every id concurrently. A lookup that panicked gives `None`.
async fn lookup_all(ids: &[u32]) -> Vec<Option<String>> {
    let handles: Vec<_> = ids.iter().map(|&id| tokio::spawn(lookup(id))).collect();
    let mut names = Vec::new();
    for handle in handles {
        names.push(Some(handle.await.unwrap_or_default()));

    }
    names
}

#[tokio::main]
async fn main() {
    println!("looking up ids 1, 0, 3 (id 0 panics on purpose: only its task fails)");
    let names = lookup_all(&[1, 0, 3]).await;
    println!("{names:?}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_panicking_lookup_becomes_none() {
        let names = lookup_all(&[4, 0, 5]).await;
        assert_eq!(
            names,
            vec![Some("user-4".into()), None, Some("user-5".into())]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn lookups_still_run_at_the_same_time() {
        let started = tokio::time::Instant::now();
        assert_eq!(lookup_all(&[1, 2]).await.len(), 2);
        assert_eq!(started.elapsed(), Duration::from_millis(100));
    }
}
