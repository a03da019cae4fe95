// wrong (compile): a named lifetime `'a` is still a borrow the task may outlive; the task macro rejects it
// embassy2_static — why task arguments must be `'static`.
//
// A spawned task may run forever, long after the function that spawned it has
// returned, so everything it receives must live forever too: owned values,
// `&'static` references to `static` items, or memory made `'static` on purpose
// (`StaticCell`, embassy11). The task macro rejects any other reference, and
// generic tasks: it has to know the task's exact type to size its `static` pool.
// roadmap.md §13

use embassy_chapter::{Led, simulated};
use embassy_executor::Spawner;
use embassy_time::{Duration, Timer};

static STATUS_LED: Led = Led::new();

#[embassy_executor::task]
async fn blink<'a>(led: &'a Led, period: Duration) {
    loop {
        led.toggle();
        Timer::after(period).await;
    }
}

/// Starts the firmware's background work.
fn start(spawner: Spawner) {
    spawner.spawn(blink(&STATUS_LED, Duration::from_millis(250)).unwrap());
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
