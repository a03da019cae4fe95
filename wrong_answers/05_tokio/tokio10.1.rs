// wrong (compile): `drop(guard)` before the `.await`: on rustc 1.95 a guard that was borrowed still counts as alive until its scope ends
// tokio10 — shared state: never hold a `std::sync::Mutex` guard across `.await`.
//
// A task can be paused at every `.await` and resumed later, on another worker
// thread. A `std::sync::MutexGuard` held across that point would travel with
// the task, but it is `!Send` (it must be unlocked by the thread that locked
// it), so the whole future becomes `!Send` and `tokio::spawn` rejects it at
// compile time. That error is a favour: a lock held while the task sleeps
// blocks every other task that wants it. The error appears at the spawn; its
// notes point at the guard and the `.await`. Two fixes: end the guard's scope
// before awaiting (a `std::sync::Mutex` is fine, and fast, for short
// critical sections), or use `tokio::sync::Mutex`, whose `lock().await`
// guard may be held across `.await`, for when you truly must. (roadmap.md §3)

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Default)]
struct Stats {
    hits: BTreeMap<String, u64>,
    audit_log: Vec<String>,
}

type SharedStats = Arc<Mutex<Stats>>;

/// Stand-in for a slow call to an audit service; returns the stored line.
async fn audit(line: String) -> String {
    tokio::time::sleep(Duration::from_millis(10)).await;
    format!("audited: {line}")
}

async fn record_hit(stats: SharedStats, page: String) {
    // TODO: `guard` lives to the end of the function, across the `.await`
    // below, so this future is not `Send` and cannot be spawned.
    // (Careful: on rustc 1.95 `drop(guard)` before the `.await` does not
    // help here. `guard.hits` borrows the guard, and the compiler then treats
    // a borrowed variable as possibly alive until its scope ends, dropped or
    // not. A guard that was never borrowed, only moved, may be dropped.)
    let mut guard = stats.lock().unwrap();
    *guard.hits.entry(page.clone()).or_default() += 1;
    drop(guard);

    let line = audit(format!("hit {page}")).await;
    guard.audit_log.push(line);
}

/// A copy of the hit counts and the number of audit lines.
async fn snapshot(stats: &SharedStats) -> (BTreeMap<String, u64>, usize) {
    let guard = stats.lock().unwrap();
    (guard.hits.clone(), guard.audit_log.len())
}

#[tokio::main]
async fn main() {
    let stats = SharedStats::default();
    let visits = ["/", "/about", "/", "/blog", "/"];
    let tasks: Vec<_> = visits
        .iter()
        .map(|page| tokio::spawn(record_hit(Arc::clone(&stats), page.to_string())))
        .collect();
    for task in tasks {
        task.await.expect("a task panicked");
    }
    let (hits, audited) = snapshot(&stats).await;
    println!("hits: {hits:?}, audit lines: {audited}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn concurrent_hits_are_all_counted() {
        let stats = SharedStats::default();
        let mut tasks = Vec::new();
        for i in 0..20 {
            let page = if i % 2 == 0 { "/home" } else { "/shop" };
            tasks.push(tokio::spawn(record_hit(
                Arc::clone(&stats),
                page.to_string(),
            )));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let (hits, audited) = snapshot(&stats).await;
        assert_eq!(hits.get("/home"), Some(&10));
        assert_eq!(hits.get("/shop"), Some(&10));
        assert_eq!(audited, 20, "every hit should be audited");
    }
}
