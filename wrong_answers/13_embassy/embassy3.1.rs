// wrong: skips the tasks whose spawn fails instead of making room in the pool: only red blinks
// embassy3 — task pools: running one task function several times at once.
//
// Embassy has no heap to allocate tasks from: `#[embassy_executor::task]`
// reserves a `static` pool per task function, with room for a fixed number
// of running copies, so the memory every task needs is known at link time.
// The default pool holds ONE copy: spawning a second while the first still
// runs fails with `SpawnError::Busy`. Declaring the task with
// `#[embassy_executor::task(pool_size = N)]` makes room for N copies, and
// costs N times the task's size in RAM, whether you use them or not.
//
// Here one `blink` task function drives three LEDs at three different rates.
// roadmap.md §13

use embassy_chapter::{Led, simulated};
use embassy_executor::{SpawnError, Spawner};
use embassy_time::{Duration, Timer};

static RED: Led = Led::new();
static GREEN: Led = Led::new();
static BLUE: Led = Led::new();

#[embassy_executor::task]
async fn blink(led: &'static Led, period: Duration) {
    loop {
        led.toggle();
        Timer::after(period).await;
    }
}

/// Starts one `blink` task per LED: red every 300 ms, green every 500 ms, blue every 700 ms.
fn start(spawner: Spawner) -> Result<(), SpawnError> {
    for (led, period_ms) in [(&RED, 300), (&GREEN, 500), (&BLUE, 700)] {
        if let Ok(token) = blink(led, Duration::from_millis(period_ms)) {
            spawner.spawn(token);
        }
    }
    Ok(())
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    if let Err(error) = start(spawner) {
        println!("could not start every LED: {error}");
        std::process::exit(1);
    }
    simulated(Timer::after_millis(1500)).await;
    let mut events = Vec::new();
    for (name, led) in [("red", &RED), ("green", &GREEN), ("blue", &BLUE)] {
        events.extend(led.history().into_iter().map(|(at, on)| (at, name, on)));
    }
    events.sort();
    for (at_ms, name, on) in events {
        let state = if on { "on" } else { "off" };
        println!("t = {at_ms:>4} ms: {name:<5} {state}");
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

    type Report = (Result<(), SpawnError>, [Vec<(u64, bool)>; 3]);

    // Runs `start` on a fresh executor in its own thread for 950 ms of simulated time.
    fn run_firmware() -> Report {
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
    async fn test_main(spawner: Spawner, done: mpsc::Sender<Report>) {
        MockDriver::get().reset();
        let started = start(spawner);
        simulated(Timer::after_millis(950)).await;
        let histories = [RED.history(), GREEN.history(), BLUE.history()];
        done.send((started, histories)).unwrap();
    }

    #[test]
    fn three_leds_blink_at_their_own_rates() {
        let (started, [red, green, blue]) = run_firmware();
        if let Err(error) = started {
            panic!("`start` could not spawn every LED task: {error}");
        }
        let times = |history: &[(u64, bool)]| history.iter().map(|&(at, _)| at).collect::<Vec<_>>();
        assert_eq!(times(&red), [0, 300, 600, 900], "red switches every 300 ms");
        assert_eq!(times(&green), [0, 500], "green switches every 500 ms");
        assert_eq!(times(&blue), [0, 700], "blue switches every 700 ms");
    }
}
