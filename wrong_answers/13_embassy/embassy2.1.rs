// wrong: the task is called but its spawn token is dropped, never handed to the spawner
// embassy2 — tasks and the `Spawner`.
//
// An Embassy task is an `async fn` marked `#[embassy_executor::task]`. Calling
// it does not run it: it returns a `Result<SpawnToken, SpawnError>` (`Err` when
// the task's pool is full), and `spawner.spawn(token)` hands the task to the
// executor to run beside the others. No heap: each task lives in a `static`
// pool sized at compile time. (Older examples write `spawner.spawn(task()).unwrap()`:
// in embassy-executor 0.10 the `Result` comes from the task call instead.)
// roadmap.md §13

use embassy_chapter::{Led, simulated};
use embassy_executor::Spawner;
use embassy_time::{Duration, Timer};

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
    let _ = spawner;
    let _ = blink(&STATUS_LED, Duration::from_millis(250));
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
    use embassy_time::MockDriver;
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
