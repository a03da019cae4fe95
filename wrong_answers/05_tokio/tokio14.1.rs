// wrong: `interval` created inside the loop: its first tick is immediate, so nothing waits and the readings run flat out
// tokio14 — `interval`: a fixed schedule that does not drift.
//
// A loop of "do the work, then `sleep(period)`" starts each round a full
// period after the *previous round ended*, so every round is late by however
// long the work took, and the lateness adds up. `tokio::time::interval(period)`
// keeps the schedule itself: `ticker.tick().await` completes at start,
// start + period, start + 2 × period… however long the work in between took
// (the first tick completes at once). If the work overruns a whole period,
// `MissedTickBehavior` decides whether to catch up (`Burst`, the default),
// `Delay` or `Skip`. (roadmap.md §3)

use std::time::Duration;

use tokio::time::{Instant, sleep};

const PERIOD: Duration = Duration::from_millis(100);

/// Reads a sensor; each reading takes a different time.
async fn read_sensor(round: u64) -> u64 {
    sleep(Duration::from_millis(10 * (round % 4 + 1))).await;
    round * 7
}

/// Takes `rounds` readings, one per PERIOD. Returns when each reading
/// started, in milliseconds since the poller started.
async fn poll(rounds: u64) -> Vec<u128> {
    let start = Instant::now();
    let _ = PERIOD;
    let mut started_at = Vec::new();
    for round in 0..rounds {
        tokio::time::interval(PERIOD).tick().await;

        started_at.push(start.elapsed().as_millis());
        read_sensor(round).await;
    }
    started_at
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!("readings started at (ms): {:?}", poll(5).await);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // Paused time: sleeps complete instantly, but the clock still adds them up.
    #[tokio::test(start_paused = true)]
    async fn readings_keep_the_schedule() {
        assert_eq!(
            poll(6).await,
            [0, 100, 200, 300, 400, 500],
            "one reading every 100 ms, however long each reading takes"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_reading_is_immediate() {
        assert_eq!(poll(1).await, [0]);
    }
}
