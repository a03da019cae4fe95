// wrong: `std::thread::sleep` in `countdown` so futures' executor can run it: the thread blocks and Tokio's clock never moves
// async3 — a runtime, and what `#[tokio::main]` does.
//
// `futures`' `block_on` can poll, but it has nothing that *wakes*: no clock,
// no sockets. A runtime is an executor plus those "drivers": Tokio wakes a
// task when its timer fires or its socket is ready, and Tokio's futures
// (`tokio::time::sleep`) panic outside a Tokio runtime. `#[tokio::main]` lets
// you write `async fn main`: it makes a plain `fn main` that builds a runtime
// and `block_on`s your body on it (the Tokio chapter's tokio1 writes that
// out); `flavor = "current_thread"` keeps everything on this one thread.
// `#[tokio::test(start_paused = true)]` does the same for a test, with the
// clock paused: a sleep returns at once while Tokio's clock adds up the
// time, so tests check durations exactly and fast. roadmap.md §3

use std::time::Duration;

use tokio::time::Instant;

/// Counts down from `from`, one line per tick, and returns the lines.
async fn countdown(from: u32, tick: Duration) -> Vec<String> {
    let mut lines = Vec::new();
    for n in (1..=from).rev() {
        lines.push(format!("{n}..."));
        std::thread::sleep(tick);

    }
    lines.push("liftoff!".to_string());
    lines
}

// TODO: `futures`' executor has no timer, so Tokio's `sleep` panics here
// ("there is no reactor running"). `main` needs a Tokio runtime.
fn main() {
    futures::executor::block_on(async {
        let start = Instant::now();
        for line in countdown(3, Duration::from_millis(100)).await {
            println!("{line}");
        }
        println!("took {:?}", start.elapsed());
    });
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn counts_down_one_tick_per_number() {
        let start = Instant::now();
        let lines = countdown(3, Duration::from_secs(1)).await;
        assert_eq!(lines, ["3...", "2...", "1...", "liftoff!"]);
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(3),
            "three ticks of Tokio's clock (use Tokio's sleep, not the thread's)"
        );
    }
}
