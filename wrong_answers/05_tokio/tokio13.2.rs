// wrong: `select!` without `biased;`: with a job queued and the token cancelled, it picks a branch at random and sometimes takes the job
// tokio13 — graceful shutdown with `CancellationToken`.
//
// Shutting down well means: stop taking new work, finish what has started,
// then exit. `tokio_util::sync::CancellationToken` is the signal: clones
// share one state, `cancel()` flips it once for all of them, and
// `cancelled().await` completes as soon as it is flipped (at once if it
// already was). `child_token()` makes tokens that are cancelled with their
// parent but can also be cancelled alone. A worker races "next job" against
// "cancelled" in `select!`, and does the job itself outside the `select!`,
// because select drops the losing future and a half-done job must not be
// dropped. When several branches are ready, `select!` picks one at random;
// `biased;` makes it try them in the order written. (roadmap.md §3)

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

/// A job takes `job` × 100 ms.
async fn process(job: u64) {
    sleep(Duration::from_millis(100 * job)).await;
}

/// Runs jobs until the queue closes or `token` is cancelled; returns the jobs
/// it finished. A job that has started is always finished.
async fn worker(mut jobs: mpsc::Receiver<u64>, token: CancellationToken) -> Vec<u64> {
    let mut finished = Vec::new();
    loop {
        let next = tokio::select! {
            () = token.cancelled() => None,

            next = jobs.recv() => next,
        };
        let Some(job) = next else {
            break;
        };
        process(job).await;
        finished.push(job);
    }
    finished
}

#[tokio::main]
async fn main() {
    let token = CancellationToken::new();
    let (queue, jobs) = mpsc::channel(16);
    let worker = tokio::spawn(worker(jobs, token.clone()));
    for job in 1..=5 {
        queue.send(job).await.expect("the worker stopped early");
    }
    println!("queued jobs 1 to 5; press Ctrl-C or wait 0.4 s to shut down");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => println!("Ctrl-C: shutting down"),
        () = sleep(Duration::from_millis(400)) => println!("time's up: shutting down"),
    }
    token.cancel();
    let finished = worker.await.expect("the worker panicked");
    println!("finished jobs {finished:?}; the rest stay queued for next time");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Instant, timeout};

    #[tokio::test(start_paused = true)]
    async fn an_idle_worker_stops_when_cancelled() {
        let token = CancellationToken::new();
        let (_queue, jobs) = mpsc::channel::<u64>(8);
        let handle = tokio::spawn(worker(jobs, token.clone()));
        sleep(Duration::from_secs(1)).await;
        token.cancel();
        let finished = timeout(Duration::from_secs(60), handle)
            .await
            .expect("the worker kept waiting for jobs after the token was cancelled")
            .unwrap();
        assert!(finished.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn a_started_job_is_finished_before_stopping() {
        let token = CancellationToken::new();
        let (queue, jobs) = mpsc::channel(8);
        let started = Instant::now();
        let handle = tokio::spawn(worker(jobs, token.clone()));
        queue.send(3).await.unwrap();
        sleep(Duration::from_millis(100)).await;
        token.cancel();
        let finished = timeout(Duration::from_secs(60), handle)
            .await
            .expect("the worker kept waiting for jobs after the token was cancelled")
            .unwrap();
        assert_eq!(
            finished,
            [3],
            "job 3 had started: it should be finished, not dropped"
        );
        assert_eq!(started.elapsed(), Duration::from_millis(300));
    }

    // select! picks at random among ready branches: try it many times.
    #[tokio::test(start_paused = true)]
    async fn a_cancelled_worker_takes_no_new_job_from_its_backlog() {
        for _ in 0..20 {
            let token = CancellationToken::new();
            let (queue, jobs) = mpsc::channel(8);
            queue.send(1).await.unwrap();
            token.cancel();
            let finished = timeout(Duration::from_secs(60), worker(jobs, token))
                .await
                .expect("the worker kept waiting for jobs after the token was cancelled");
            assert!(
                finished.is_empty(),
                "the token was cancelled before the worker started, yet it took job 1 \
                 from the queue: when both branches are ready, select! picks one at random"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_closed_queue_also_ends_the_worker() {
        let (queue, jobs) = mpsc::channel(8);
        queue.send(1).await.unwrap();
        queue.send(2).await.unwrap();
        drop(queue);
        let finished = worker(jobs, CancellationToken::new()).await;
        assert_eq!(finished, [1, 2]);
    }
}
