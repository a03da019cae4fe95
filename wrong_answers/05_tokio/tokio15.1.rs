// wrong: acquires a permit but drops it at once (`let _ =`): the downloads still all run together
// tokio15 — `Semaphore`: at most N at a time.
//
// Spawning a task per job is cheap, but the thing the jobs talk to may not be:
// a server that allows 2 connections per client, a database pool of 10. A
// `tokio::sync::Semaphore` holds N permits; `acquire().await` waits until one
// is free and returns a permit that gives it back when dropped. Shared in an
// `Arc`, `acquire_owned()` gives a permit a spawned task can own. Unlike
// running the jobs in fixed batches of N, a freed permit goes to the next job
// at once, so one slow job does not hold up a whole batch. (roadmap.md §3)

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::{sync::Semaphore, time::sleep};

/// How many downloads run right now, and the most that ever ran at once.
#[derive(Debug, Default)]
struct Load {
    now: usize,
    most: usize,
}

/// Pretends to download a file that takes `millis` to arrive.
async fn download(millis: u64, load: Arc<Mutex<Load>>) -> u64 {
    {
        let mut load = load.lock().unwrap();
        load.now += 1;
        load.most = load.most.max(load.now);
    }
    sleep(Duration::from_millis(millis)).await;
    load.lock().unwrap().now -= 1;
    millis
}

/// Downloads every file, never more than `limit` at the same time.
async fn download_all(files: &[u64], limit: usize, load: Arc<Mutex<Load>>) -> Vec<u64> {
    let slots = Arc::new(Semaphore::new(limit));
    let mut handles = Vec::new();
    for &millis in files {
        let (load, slots) = (Arc::clone(&load), Arc::clone(&slots));
        handles.push(tokio::spawn(async move {
            let _ = slots

                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            download(millis, load).await
        }));
    }
    let mut sizes = Vec::new();
    for handle in handles {
        sizes.push(handle.await.expect("a download panicked"));
    }
    sizes
}

#[tokio::main]
async fn main() {
    let load = Arc::new(Mutex::new(Load::default()));
    let files = [30, 90, 30, 30, 30, 30];
    let sizes = download_all(&files, 2, Arc::clone(&load)).await;
    println!(
        "downloaded {sizes:?}, at most {} at once",
        load.lock().unwrap().most
    );
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // Paused time: sleeps complete instantly, but the clock still adds them up.
    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_and_no_idle_slot() {
        let load = Arc::new(Mutex::new(Load::default()));
        let started = Instant::now();
        let sizes = download_all(&[100, 300, 100, 100, 100, 100], 2, Arc::clone(&load)).await;
        assert_eq!(sizes, [100, 300, 100, 100, 100, 100]);
        assert_eq!(load.lock().unwrap().most, 2, "at most 2 downloads at once");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(400),
            "a slot that frees up should start the next download at once (batches of 2 take 500 ms)"
        );
    }
}
