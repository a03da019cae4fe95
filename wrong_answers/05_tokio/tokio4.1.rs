// wrong: a `JoinSet` drained to the end, then truncated: it still waits for the slowest mirror and aborts nothing
// tokio4 — `JoinSet`: many tasks, results in the order they finish.
//
// A `Vec<JoinHandle<T>>` awaited in a loop gives results in the order the
// tasks were *spawned*, so one slow task holds up everything behind it.
// `tokio::task::JoinSet` owns a group of tasks and `join_next().await` hands
// back whichever finishes next (`None` once the set is empty). It also cleans
// up: dropping a `JoinSet` aborts every task still in it, so "take the first
// answers and forget the rest" needs no bookkeeping. (roadmap.md §3)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::task::JoinSet;

#[derive(Debug, Clone)]
struct Mirror {
    name: &'static str,
    latency: Duration,
}

/// Downloads from one mirror and counts it in `finished` when done.
async fn download(mirror: Mirror, finished: Arc<AtomicUsize>) -> String {
    tokio::time::sleep(mirror.latency).await;
    finished.fetch_add(1, Ordering::SeqCst);
    format!("data from {}", mirror.name)
}

/// Asks every mirror at once and returns the first `wanted` answers, in the
/// order they arrive. Downloads still running after that are cancelled.
async fn first_answers(
    mirrors: Vec<Mirror>,
    wanted: usize,
    finished: Arc<AtomicUsize>,
) -> Vec<String> {
    let mut downloads = JoinSet::new();
    for mirror in mirrors {
        downloads.spawn(download(mirror, Arc::clone(&finished)));
    }
    let mut answers = Vec::new();
    while let Some(result) = downloads.join_next().await {
        answers.push(result.expect("a download panicked"));
    }
    answers.truncate(wanted);
    answers
}

fn mirrors() -> Vec<Mirror> {
    vec![
        Mirror {
            name: "slow",
            latency: Duration::from_millis(300),
        },
        Mirror {
            name: "fast",
            latency: Duration::from_millis(100),
        },
        Mirror {
            name: "medium",
            latency: Duration::from_millis(200),
        },
    ]
}

#[tokio::main]
async fn main() {
    let finished = Arc::new(AtomicUsize::new(0));
    let answers = first_answers(mirrors(), 2, Arc::clone(&finished)).await;
    println!("first answers: {answers:?}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    println!(
        "downloads that ran to the end: {}",
        finished.load(Ordering::SeqCst)
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Instant, sleep};

    #[tokio::test(start_paused = true)]
    async fn answers_come_in_the_order_they_finish() {
        let finished = Arc::new(AtomicUsize::new(0));
        let answers = first_answers(mirrors(), 3, finished).await;
        assert_eq!(
            answers,
            ["data from fast", "data from medium", "data from slow"],
            "answers should come in the order the downloads finish, not the order they started"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn stops_once_it_has_enough_and_cancels_the_rest() {
        let finished = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let answers = first_answers(mirrors(), 2, Arc::clone(&finished)).await;
        assert_eq!(
            answers,
            ["data from fast", "data from medium"],
            "with 2 wanted, the answers are the first two to finish"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(200),
            "two answers are ready after 200 ms: don't wait for the 300 ms mirror"
        );
        sleep(Duration::from_secs(1)).await;
        assert_eq!(
            finished.load(Ordering::SeqCst),
            2,
            "the slow download should have been aborted (dropping a JoinSet aborts its tasks)"
        );
    }
}
