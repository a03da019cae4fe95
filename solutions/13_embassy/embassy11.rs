// embassy11 — `StaticCell`: `'static` data that is made at run time.
//
// Task arguments must be `'static` (embassy2_static). A `static` item works
// when the value is known at compile time, but a driver, a buffer handed out
// as `&mut`, or a setting read at start-up only exists once `main` has run.
// A local of `main` is not enough: the borrow checker cannot know `main` never
// returns. Without a heap there is no `Box::leak` either. `StaticCell<T>`
// (crate `static_cell`) is an empty `static` slot: `CELL.init(value)` moves
// the value in once and returns a `&'static mut T`; a second `init` panics.
// roadmap.md §13

use embassy_chapter::{Led, simulated};
use embassy_executor::Spawner;
use embassy_time::{Duration, Timer};
use static_cell::StaticCell;

/// Settings read from DIP switches at start-up: unknown at compile time.
struct Config {
    led: Led,
    period: Duration,
}

#[embassy_executor::task]
async fn blink(config: &'static Config) {
    loop {
        config.led.toggle();
        Timer::after(config.period).await;
    }
}

/// Reads the settings (the switches give the period in 100 ms steps), then
/// starts the blink task. Returns the settings so the caller can watch the LED.
fn start(spawner: Spawner, switches: u8) -> &'static Config {
    static CONFIG: StaticCell<Config> = StaticCell::new();
    let config: &'static Config = CONFIG.init(Config {
        led: Led::new(),
        period: Duration::from_millis(100 * u64::from(switches)),
    });
    spawner.spawn(blink(config).unwrap());
    config
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    let config = start(spawner, 3);
    simulated(Timer::after_millis(1000)).await;
    println!("the LED switched at (ms, on): {:?}", config.led.history());
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_executor::Executor;
    use embassy_time::MockDriver;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::sync::mpsc;

    // The host has a heap, the board does not: this allocator counts each
    // thread's allocations, so the test sees a `Box`.
    struct Counting;
    std::thread_local!(static ALLOCATIONS: Cell<usize> = const { Cell::new(0) });
    // SAFETY: every call is passed on unchanged to the system allocator.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }
    #[global_allocator]
    static HEAP: Counting = Counting;

    fn allocations_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
        let before = ALLOCATIONS.get();
        let result = f();
        (result, ALLOCATIONS.get() - before)
    }

    type Report = (usize, Vec<(u64, bool)>);

    #[embassy_executor::task]
    async fn test_main(spawner: Spawner, done: mpsc::Sender<Report>) {
        MockDriver::get().reset();
        let (config, allocations) = allocations_during(|| start(spawner, 2));
        simulated(Timer::after_millis(700)).await;
        done.send((allocations, config.led.history())).unwrap();
    }

    #[test]
    fn the_task_blinks_with_the_period_read_at_start_up() {
        let (done, result) = mpsc::channel();
        std::thread::spawn(move || {
            let executor: &'static mut Executor = Box::leak(Box::new(Executor::new()));
            executor.run(|spawner| spawner.spawn(test_main(spawner, done).unwrap()))
        });
        let (allocations, history) = result
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("the executor stopped before the test finished (did a task panic?)");
        assert_eq!(
            history,
            [(0, true), (200, false), (400, true), (600, false)],
            "switches = 2 means the LED switches every 200 ms"
        );
        assert_eq!(
            allocations, 0,
            "`start` allocated {allocations} times: a board has no heap to leak a `Box` from"
        );
    }
}
