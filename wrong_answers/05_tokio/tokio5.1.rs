// wrong: `tokio::time::timeout` covers the time limit but the `cancel` signal is still ignored
// tokio5 — `select!`: the first branch to finish wins, the others are dropped.
//
// `tokio::select!` polls several futures at once and runs the arm of the
// first one to complete. The losers are not paused or left running: they are
// dropped on the spot, in the middle of whatever `.await` they were stuck in,
// and the code after that `.await` never runs. That is how cancellation works
// in async Rust: a future that is no longer polled simply stops, and its
// `Drop` impls do the cleanup. Racing work against `sleep` gives a timeout
// (`tokio::time::timeout` is that same race, packaged); racing it against
// a signal such as a oneshot channel gives a cancel button. (roadmap.md §3)

use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::sleep;

#[derive(Debug, PartialEq)]
enum Outcome {
    Done(String),
    TimedOut,
    Cancelled,
}

/// Runs `job`, but gives up after `limit`, or as soon as `cancel` fires.
async fn run_job(
    job: impl Future<Output = String>,
    limit: Duration,
    cancel: oneshot::Receiver<()>,
) -> Outcome {
    let _ = cancel;
    match tokio::time::timeout(limit, job).await {
        Ok(output) => Outcome::Done(output),
        Err(_) => Outcome::TimedOut,
    }

}

/// A job that takes `time` and reports, through `finished`, if it got to the end.
async fn report(time: Duration, finished: &mut bool) -> String {
    sleep(time).await;
    *finished = true;
    format!("report built in {time:?}")
}

#[tokio::main]
async fn main() {
    let limit = Duration::from_millis(200);
    for time in [Duration::from_millis(50), Duration::from_millis(500)] {
        let (_cancel_button, cancel) = oneshot::channel();
        let mut finished = false;
        let outcome = run_job(report(time, &mut finished), limit, cancel).await;
        println!("{time:?} job with a {limit:?} limit: {outcome:?} (ran to the end: {finished})");
    }
    let (cancel_button, cancel) = oneshot::channel();
    cancel_button.send(()).expect("run_job is listening");
    let mut finished = false;
    let outcome = run_job(report(limit, &mut finished), limit, cancel).await;
    println!("cancelled job: {outcome:?} (ran to the end: {finished})");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_quick_job_finishes() {
        let (_cancel_button, cancel) = oneshot::channel();
        let mut finished = false;
        let job = report(Duration::from_secs(1), &mut finished);
        let outcome = run_job(job, Duration::from_secs(5), cancel).await;
        assert_eq!(outcome, Outcome::Done("report built in 1s".into()));
        assert!(finished);
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_job_times_out_and_is_dropped_mid_way() {
        let (_cancel_button, cancel) = oneshot::channel();
        let mut finished = false;
        let started = Instant::now();
        let job = report(Duration::from_secs(60), &mut finished);
        let outcome = run_job(job, Duration::from_secs(5), cancel).await;
        assert_eq!(
            outcome,
            Outcome::TimedOut,
            "a 60 s job with a 5 s limit must time out"
        );
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        assert!(
            !finished,
            "the losing branch is dropped: the job never resumes"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_cancelled_job_stops_at_once() {
        let (cancel_button, cancel) = oneshot::channel();
        cancel_button.send(()).unwrap();
        let mut finished = false;
        let started = Instant::now();
        let job = report(Duration::from_secs(60), &mut finished);
        let outcome = run_job(job, Duration::from_secs(5), cancel).await;
        assert_eq!(
            outcome,
            Outcome::Cancelled,
            "the cancel signal was already sent"
        );
        assert_eq!(started.elapsed(), Duration::ZERO);
        assert!(!finished);
    }
}
