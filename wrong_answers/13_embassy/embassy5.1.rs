// wrong: retries `try_send` in a busy loop that never yields, so the consumer never runs and it hangs
// embassy5 — a `Channel` between a producer task and a consumer task.
//
// Tasks that share no memory talk through `embassy_sync::channel::Channel`, a
// fixed-capacity queue (capacity a const generic, no heap) in a `static`, so
// any task can hold a `Sender` or `Receiver`. The `RawMutex` parameter sets
// its protection: `CriticalSectionRawMutex` is safe even against interrupt
// handlers, `NoopRawMutex` is enough when all users share one executor.
//
// When the queue is full, `try_send` fails at once (ignore the error and the
// value is lost), while `send(..).await` waits for the consumer to make room.
// That waiting is backpressure: nothing is lost, the producer just slows down.
// roadmap.md §13

use embassy_chapter::{Log, simulated};
use embassy_executor::Spawner;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::channel::{Channel, Receiver, Sender};
use embassy_time::Timer;

const CAPACITY: usize = 4;
type Readings = Channel<CriticalSectionRawMutex, u16, CAPACITY>;

/// A pretend flash chip: remembers what was written to it and when (ms since start).
struct Flash {
    written: Log<u16>,
}

impl Flash {
    const fn new() -> Self {
        Flash {
            written: Log::new(),
        }
    }

    /// Writing one reading takes 50 ms.
    async fn write(&self, value: u16) {
        Timer::after_millis(50).await;
        self.written.record(value);
    }

    fn contents(&self) -> Vec<(u64, u16)> {
        self.written.entries()
    }
}

/// The producer: takes a reading every 10 ms and sends it to the consumer.
async fn sample(sensor: &[u16], out: Sender<'_, CriticalSectionRawMutex, u16, CAPACITY>) {
    for &value in sensor {
        while out.try_send(value).is_err() {}
        Timer::after_millis(10).await;
    }
}

/// The consumer: stores every reading it receives in flash, forever.
async fn store(input: Receiver<'_, CriticalSectionRawMutex, u16, CAPACITY>, flash: &Flash) {
    loop {
        let value = input.receive().await;
        flash.write(value).await;
    }
}

const SENSOR: [u16; 8] = [510, 512, 515, 519, 524, 530, 537, 545];
static READINGS: Readings = Channel::new();
static FLASH: Flash = Flash::new();

#[embassy_executor::task]
async fn sampler_task() {
    sample(&SENSOR, READINGS.sender()).await;
}

#[embassy_executor::task]
async fn storage_task() {
    store(READINGS.receiver(), &FLASH).await;
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    spawner.spawn(sampler_task().unwrap());
    spawner.spawn(storage_task().unwrap());
    simulated(Timer::after_millis(600)).await;
    for (at_ms, value) in FLASH.contents() {
        println!("t = {at_ms:>3} ms: stored reading {value}");
    }
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;
    use embassy_futures::select::select;

    // Runs the producer and the consumer side by side until 2 s after the producer is done.
    fn pipeline(sensor: &[u16]) -> Vec<u16> {
        let channel = Readings::new();
        let flash = Flash::new();
        run_simulated(select(store(channel.receiver(), &flash), async {
            sample(sensor, channel.sender()).await;
            Timer::after_secs(2).await;
        }));
        flash
            .contents()
            .into_iter()
            .map(|(_, value)| value)
            .collect()
    }

    #[test]
    fn every_reading_reaches_flash_in_order() {
        let sensor: Vec<u16> = (100..112).collect();
        assert_eq!(
            pipeline(&sensor),
            sensor,
            "readings were lost: `try_send` gives up when the channel is full, \
             while the slow flash (50 ms a write) is still busy"
        );
    }

    #[test]
    fn a_short_burst_fits_in_the_channel() {
        assert_eq!(pipeline(&[7, 8, 9]), [7, 8, 9]);
    }
}
