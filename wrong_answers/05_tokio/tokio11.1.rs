// wrong: `std::thread::spawn(work).join()`: the async worker thread still blocks until the work is done
// tokio11 — `spawn_blocking`: keep CPU-heavy work off the async threads.
//
// Tokio's worker threads switch between tasks only at `.await` points. Code
// that computes for a long time without awaiting (hashing, compressing,
// parsing a huge file) or calls a blocking API holds its worker hostage: on
// a current-thread runtime every other task stops until it is done, on a
// multi-thread one a core is gone. Waiting for a thread of your own with
// `join()` blocks just the same. `tokio::task::spawn_blocking(closure)` runs
// the closure on a pool of threads meant for blocking and returns a
// `JoinHandle` to await, so the worker serves other tasks meanwhile. It cannot
// be aborted once started; for big data-parallel jobs a pool such as rayon
// fits better. (roadmap.md §3)

/// Runs slow synchronous `work` without holding up the async runtime.
async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // The shortcut: another thread, but joined right here, so this worker
    // still waits (blocked) for the work and serves no other task meanwhile.
    std::thread::spawn(work)
        .join()
        .expect("the blocking work panicked")
}

/// CPU-bound and synchronous: counts the primes below `limit`.
fn count_primes(limit: u64) -> usize {
    let is_prime = |n: u64| {
        n >= 2
            && (2..)
                .take_while(|d| d * d <= n)
                .all(|d| !n.is_multiple_of(d))
    };
    (2..limit).filter(|&n| is_prime(n)).count()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let heartbeat = tokio::spawn(async {
        for beat in 1..=3 {
            println!("heartbeat {beat}");
            tokio::task::yield_now().await;
        }
    });
    let primes = off_the_runtime(|| count_primes(200_000)).await;
    heartbeat.await.expect("heartbeat panicked");
    println!("{primes} primes below 200000");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::{sync::mpsc, thread, time::Duration};

    #[tokio::test]
    async fn gives_back_the_result() {
        assert_eq!(off_the_runtime(|| count_primes(10_000)).await, 1229);
    }

    // #[tokio::test] builds a current-thread runtime: this very thread runs
    // every async task. The work below waits for three heartbeats, which a
    // task on the runtime sends: they arrive only if the runtime is free.
    #[tokio::test]
    async fn other_tasks_run_while_the_work_does() {
        let (beats, heard) = mpsc::channel();
        tokio::spawn(async move {
            while beats.send(()).is_ok() {
                tokio::task::yield_now().await;
            }
        });
        let runtime_thread = thread::current().id();
        let (worker, heartbeats) = off_the_runtime(move || {
            let timeout = Duration::from_millis(500);
            let heartbeats = (0..3)
                .filter(|_| heard.recv_timeout(timeout).is_ok())
                .count();
            (thread::current().id(), heartbeats)
        })
        .await;
        assert_ne!(
            worker, runtime_thread,
            "the work ran on the runtime's own thread"
        );
        assert_eq!(
            heartbeats, 3,
            "no heartbeat while the work ran: the runtime's thread was blocked (waiting on it counts)"
        );
    }
}
