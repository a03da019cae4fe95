// wrong: `let _ =` silences the unused-future error, and the timer is still dropped without being awaited
// embassy1_timer — a timer is a future: nothing happens until it is awaited.
//
// `Timer::after(duration)` does not wait: it returns a future that completes
// once the time has passed, and only `.await` makes the task wait for it (and
// lets the executor run other tasks, or sleep the CPU, meanwhile). A future
// that is never awaited does nothing at all; this course denies the
// `unused_must_use` lint, so forgetting the `.await` is a compile error.
// On a board the wait is a hardware timer's alarm; here, a simulated clock.
// roadmap.md §13

use embassy_chapter::simulated;
use embassy_executor::Spawner;
use embassy_time::{Duration, Instant, Timer};

/// Counts down from `from` to 1, one number per second, and returns when (in milliseconds
/// since start) each number was announced.
async fn countdown(from: u32) -> Vec<(u64, u32)> {
    let mut announced = Vec::new();
    for n in (1..=from).rev() {
        announced.push((Instant::now().as_millis(), n));
        let _ = Timer::after(Duration::from_secs(1));
    }
    announced
}

#[embassy_executor::main]
async fn main(_spawner: Spawner) {
    for (at_ms, n) in simulated(countdown(3)).await {
        println!("t = {at_ms:>4} ms: {n}");
    }
    println!("t = {:>4} ms: lift-off!", Instant::now().as_millis());
    // On a board `main` never returns. On a PC we end the process once the demo is done.
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;

    #[test]
    fn counts_down_once_per_second() {
        let announced = run_simulated(countdown(3));
        assert_eq!(
            announced,
            vec![(0, 3), (1000, 2), (2000, 1)],
            "each number should come one second after the previous one: is every timer awaited?"
        );
    }

    #[test]
    fn the_whole_countdown_takes_its_time() {
        let finished_at = run_simulated(async {
            countdown(2).await;
            Instant::now().as_millis()
        });
        assert_eq!(finished_at, 2000, "counting down from 2 takes two seconds");
    }
}
