// wrong: one lock for the update, but it is released before the slow save, so saves interleave
// embassy7 — a `Mutex` shared by tasks, held across an `.await`.
//
// Several tasks updating one value need a lock. `embassy_sync` has two kinds:
// - `blocking_mutex::Mutex` lends the data only inside a closure, no `.await`
//   while held: for quick updates (and sharing with interrupt handlers).
// - `mutex::Mutex` is async: `lock().await` sleeps until the lock is free, and
//   the guard may be held across `.await` points; other tasks keep running,
//   and only those that want this lock wait.
//
// A read-modify-write needs ONE lock, held until the new total is saved: read,
// unlock, await something slow, lock again to write, and another task's
// update in between is lost (and the EEPROM takes one write at a time).
// roadmap.md §13

use embassy_chapter::{Log, simulated};
use embassy_executor::Spawner;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::mutex::Mutex;
use embassy_time::Timer;

/// Wheel pulses counted so far, shared by every task that sees a pulse.
type Odometer = Mutex<CriticalSectionRawMutex, u32>;

/// A pretend EEPROM: saving a value takes 5 ms. Remembers every value saved, in order.
struct Eeprom {
    saved: Log<u32>,
}

impl Eeprom {
    const fn new() -> Self {
        Eeprom { saved: Log::new() }
    }

    async fn save(&self, value: u32) {
        Timer::after_millis(5).await;
        self.saved.record(value);
    }

    fn saved(&self) -> Vec<u32> {
        self.saved.values()
    }
}

/// Counts `pulses` wheel pulses: adds each one to the odometer and saves the new total.
async fn count_pulses(odometer: &Odometer, eeprom: &Eeprom, pulses: u32) {
    for _ in 0..pulses {
        let next = {
            let mut total = odometer.lock().await;
            *total += 1;
            *total
        };
        eeprom.save(next).await;
    }
}

static ODOMETER: Odometer = Mutex::new(0);
static EEPROM: Eeprom = Eeprom::new();

#[embassy_executor::task(pool_size = 2)]
async fn wheel(name: &'static str, pulses: u32) {
    count_pulses(&ODOMETER, &EEPROM, pulses).await;
    println!("{name} wheel: counted {pulses} pulses");
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    spawner.spawn(wheel("left", 6).unwrap());
    spawner.spawn(wheel("right", 4).unwrap());
    simulated(Timer::after_millis(200)).await;
    println!("odometer: {} pulses", *ODOMETER.lock().await);
    println!("saved in EEPROM: {:?}", EEPROM.saved());
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;
    use embassy_futures::block_on;
    use embassy_futures::join::join;

    #[test]
    fn two_wheels_lose_no_pulse() {
        let odometer = Odometer::new(0);
        let eeprom = Eeprom::new();
        run_simulated(join(
            count_pulses(&odometer, &eeprom, 10),
            count_pulses(&odometer, &eeprom, 10),
        ));
        let total = *block_on(odometer.lock());
        assert_eq!(
            total, 20,
            "pulses were lost: both tasks read the same total while the other was saving"
        );
        assert_eq!(
            eeprom.saved().last(),
            Some(&20),
            "the EEPROM must end with the total"
        );
        let done: Vec<u64> = eeprom.saved.entries().iter().map(|&(at, _)| at).collect();
        assert!(
            done.windows(2).all(|pair| pair[1] >= pair[0] + 5),
            "two 5 ms saves overlapped (finished at {done:?} ms): the lock must cover the save"
        );
    }

    #[test]
    fn one_wheel_saves_every_total() {
        let odometer = Odometer::new(100);
        let eeprom = Eeprom::new();
        run_simulated(count_pulses(&odometer, &eeprom, 3));
        assert_eq!(eeprom.saved(), [101, 102, 103]);
    }
}
