// embassy1 — Embassy's executor, running on your PC.
//
// Embassy is an async runtime for microcontrollers: no RTOS, no threads, no
// heap. Its executor polls tasks and, when none can progress, sleeps the CPU
// until an interrupt (a timer, a pin, a finished DMA transfer) wakes one up.
// Its `platform-std` feature runs the same executor on a PC: no board needed.
//
// `#[embassy_executor::main]` turns `async fn main(spawner: Spawner)` into a
// real `fn main` that creates the executor and runs your `main` as its first
// task. A timer is a future: `Timer::after(..)` does nothing until awaited.
// Time is simulated (embassy-time's mock driver): see `simulated` below.
// roadmap.md §13

use embassy_executor::Spawner;
use embassy_futures::select::{Either, select};
use embassy_futures::yield_now;
use embassy_time::{Duration, Instant, MockDriver, Timer};

/// Counts down from `from` to 1, one number per second, and returns when (in milliseconds
/// since start) each number was announced.
async fn countdown(from: u32) -> Vec<(u64, u32)> {
    let mut announced = Vec::new();
    for n in (1..=from).rev() {
        announced.push((Instant::now().as_millis(), n));
        // TODO: this timer is created and dropped at once. Make the task wait for it.
        Timer::after(Duration::from_secs(1));
    }
    announced
}

/// Runs `fut` on simulated time. A board has a hardware timer whose interrupt moves time on;
/// here the mock clock moves on by 1 ms every time the executor comes back to this future,
/// so a 3-second countdown takes microseconds and every timestamp is exact.
async fn simulated<F: Future>(fut: F) -> F::Output {
    let clock = async {
        loop {
            // First let every task that is ready run, then move time on.
            for _ in 0..8 {
                yield_now().await;
            }
            MockDriver::get().advance(Duration::from_millis(1));
        }
    };
    match select(fut, clock).await {
        Either::First(output) => output,
        Either::Second(never) => never,
    }
}

// TODO: an `async fn main` needs an executor to run it. Let Embassy provide one.
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
    use embassy_futures::block_on;
    use std::sync::{Mutex, PoisonError};

    // The mock clock is global to the test binary: tests take turns with it.
    static CLOCK: Mutex<()> = Mutex::new(());

    fn run<F: Future>(fut: F) -> F::Output {
        let _turn = CLOCK.lock().unwrap_or_else(PoisonError::into_inner);
        MockDriver::get().reset();
        block_on(simulated(fut))
    }

    #[test]
    fn counts_down_once_per_second() {
        let announced = run(countdown(3));
        assert_eq!(
            announced,
            vec![(0, 3), (1000, 2), (2000, 1)],
            "each number should come one second after the previous one: is every timer awaited?"
        );
    }

    #[test]
    fn the_whole_countdown_takes_its_time() {
        let finished_at = run(async {
            countdown(2).await;
            Instant::now().as_millis()
        });
        assert_eq!(finished_at, 2000, "counting down from 2 takes two seconds");
    }
}
