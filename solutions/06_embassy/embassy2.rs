// embassy2 — tasks, the `Spawner`, and why task arguments must be `'static`.
//
// An Embassy task is an `async fn` marked `#[embassy_executor::task]`. Calling
// it does not run it: it returns a `Result<SpawnToken, SpawnError>`, and
// `spawner.spawn(token)` hands the task to the executor to run beside the
// others. No heap: each task lives in a `static` pool sized at compile time.
//
// A spawned task may run forever, long after the function that spawned it has
// returned, so everything it receives must live forever too: owned values,
// `&'static` references to `static` items, or memory made `'static` on purpose
// (`StaticCell`). The macro rejects any other reference, and generic tasks.
// roadmap.md §13

use std::sync::{Mutex, PoisonError};

use embassy_executor::Spawner;
use embassy_futures::select::{Either, select};
use embassy_futures::yield_now;
use embassy_time::{Duration, Instant, MockDriver, Timer};

/// A pretend LED that remembers when (ms since start) it was switched on or off. On a board this
/// would be an output pin from the HAL; here it lets `main` and the tests see what tasks did.
struct Led {
    switched: Mutex<Vec<(u64, bool)>>,
}

impl Led {
    const fn new() -> Self {
        Led {
            switched: Mutex::new(Vec::new()),
        }
    }

    fn toggle(&self) {
        let mut switched = self.switched.lock().unwrap_or_else(PoisonError::into_inner);
        let on = !switched.last().is_some_and(|&(_, on)| on);
        switched.push((Instant::now().as_millis(), on));
    }

    fn history(&self) -> Vec<(u64, bool)> {
        self.switched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

static STATUS_LED: Led = Led::new();

#[embassy_executor::task]
async fn blink(led: &'static Led, period: Duration) {
    loop {
        led.toggle();
        Timer::after(period).await;
    }
}

/// Starts the firmware's background work.
fn start(spawner: Spawner) {
    spawner.spawn(blink(&STATUS_LED, Duration::from_millis(250)).unwrap());
}

/// Runs `fut` on simulated time: the mock clock moves on by 1 ms every time the executor comes
/// back to this future (on a board, a hardware timer's interrupt moves time on).
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

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    start(spawner);
    // `main` is a task too: while it waits, the executor runs `blink`.
    simulated(Timer::after_millis(1200)).await;
    for (at_ms, on) in STATUS_LED.history() {
        let state = if on { "on" } else { "off" };
        println!("t = {at_ms:>4} ms: status LED {state}");
    }
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_executor::Executor;
    use std::sync::mpsc;

    // Runs `start` on a fresh executor in its own thread for 900 ms of simulated time and
    // returns what the status LED did.
    fn run_firmware() -> Vec<(u64, bool)> {
        let (done, result) = mpsc::channel();
        std::thread::spawn(move || {
            let executor: &'static mut Executor = Box::leak(Box::new(Executor::new()));
            executor.run(|spawner| spawner.spawn(test_main(spawner, done).unwrap()))
        });
        result
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("the executor stopped before the test finished (did a task panic?)")
    }

    #[embassy_executor::task]
    async fn test_main(spawner: Spawner, done: mpsc::Sender<Vec<(u64, bool)>>) {
        MockDriver::get().reset();
        start(spawner);
        simulated(Timer::after_millis(900)).await;
        done.send(STATUS_LED.history()).unwrap();
    }

    #[test]
    fn start_spawns_a_task_that_blinks_every_250_ms() {
        let history = run_firmware();
        assert!(
            !history.is_empty(),
            "the status LED never switched: does `start` spawn the blink task?"
        );
        assert_eq!(
            history,
            vec![(0, true), (250, false), (500, true), (750, false)],
            "the LED should switch every 250 ms, starting at once"
        );
    }
}
