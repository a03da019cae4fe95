//! Shared set-up for the chapter's exercises: the simulated clock, and logs
//! that let pretend devices (an LED, a flash chip…) show what the tasks did.
//!
//! This is not an exercise: you never need to change it. Exercises use it as
//! `use embassy_chapter::{simulated, Led};`. On a board none of this exists: the
//! HAL's time driver moves time on, and an LED is an output pin.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use embassy_futures::select::{Either, select};
use embassy_futures::yield_now;
use embassy_time::{Duration, Instant, MockDriver};

/// Runs `fut` on simulated time. A board has a hardware timer whose interrupt
/// moves time on; here the mock clock moves on by 1 ms every time the executor
/// comes back to this future, so a 3-second countdown takes microseconds and
/// every timestamp is exact.
pub async fn simulated<F: Future>(fut: F) -> F::Output {
    let clock = async {
        loop {
            // First let every task that is ready run (the executor's run
            // queue is last-in first-out), then move time on.
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

/// For tests: runs `fut` to the end on simulated time starting at 0 ms, with
/// `embassy_futures::block_on` (no executor, so no tasks).
///
/// The mock clock is global to a test binary and tests run in parallel
/// threads, so the tests take turns with it.
pub fn run_simulated<F: Future>(fut: F) -> F::Output {
    static CLOCK: Mutex<()> = Mutex::new(());
    let _turn = CLOCK.lock().unwrap_or_else(PoisonError::into_inner);
    MockDriver::get().reset();
    let done = Arc::new(AtomicBool::new(false));
    watch_the_clock(Arc::clone(&done));
    let output = embassy_futures::block_on(simulated(fut));
    done.store(true, Ordering::SeqCst);
    output
}

/// The simulated clock moves only when the code under test awaits: a task
/// that spins instead (a busy loop, `block_for`) stops time for good. Rather
/// than let the test hang until rustdrill's time limit, this ends the test
/// binary with the reason once the clock has stood still for 3 s of real time
/// (a normal test moves it thousands of times a second).
fn watch_the_clock(done: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut last = Instant::now();
        let mut still = std::time::Duration::ZERO;
        let tick = std::time::Duration::from_millis(100);
        while !done.load(Ordering::SeqCst) {
            std::thread::sleep(tick);
            let now = Instant::now();
            if now == last {
                still += tick;
            } else {
                (last, still) = (now, std::time::Duration::ZERO);
            }
            if still >= std::time::Duration::from_secs(3) && !done.load(Ordering::SeqCst) {
                eprintln!(
                    "the simulated clock stood still at {} ms for 3 s: the code under test \
                     never awaits (a busy loop, or `block_for`?), so no other task and no \
                     timer can run",
                    now.as_millis()
                );
                std::process::exit(101);
            }
        }
    });
}

/// What a pretend device did, and when: `(ms since start, value)` entries.
/// Tests and `main` read it to see what the tasks did.
pub struct Log<T> {
    entries: Mutex<Vec<(u64, T)>>,
}

impl<T: Clone> Log<T> {
    /// An empty log.
    pub const fn new() -> Self {
        Log {
            entries: Mutex::new(Vec::new()),
        }
    }

    /// Adds `value`, stamped with the current (simulated) time.
    pub fn record(&self, value: T) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.push((Instant::now().as_millis(), value));
    }

    /// Every entry so far, oldest first.
    pub fn entries(&self) -> Vec<(u64, T)> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The values recorded so far, oldest first, without their times.
    pub fn values(&self) -> Vec<T> {
        self.entries().into_iter().map(|(_, value)| value).collect()
    }
}

impl<T: Clone> Default for Log<T> {
    fn default() -> Self {
        Log::new()
    }
}

/// A pretend LED that remembers when (ms since start) it was switched on or
/// off. On a board this would be an output pin from the HAL; here it lets
/// `main` and the tests see what the tasks did.
pub struct Led {
    switched: Log<bool>,
}

impl Led {
    /// An LED that is off and was never switched.
    pub const fn new() -> Self {
        Led {
            switched: Log::new(),
        }
    }

    /// Switches the LED (on if it was off, off if it was on); returns the new state.
    pub fn toggle(&self) -> bool {
        let on = !self.switched.entries().last().is_some_and(|&(_, on)| on);
        self.switched.record(on);
        on
    }

    /// Every switch so far: (ms since start, on).
    pub fn history(&self) -> Vec<(u64, bool)> {
        self.switched.entries()
    }
}

impl Default for Led {
    fn default() -> Self {
        Led::new()
    }
}
