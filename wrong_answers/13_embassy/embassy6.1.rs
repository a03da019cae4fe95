// wrong: a channel of capacity 1 makes the sensor wait, and the one queued reading is still stale
// embassy6 — `Signal`: when only the latest value matters.
//
// A channel delivers every value, in order: right for commands and log
// records, wrong for state. A display that refreshes once a second should
// show the temperature *now*, not a reading queued four seconds ago.
//
// `embassy_sync::signal::Signal<M, T>` holds at most one value. `signal(v)`
// replaces whatever is there (it never waits, so the producer never slows
// down), and `wait().await` takes the newest value, or sleeps until there is
// one. Newer readings simply overwrite older ones that nobody looked at.
// (`embassy_sync::watch::Watch` does the same for several receivers.)
// roadmap.md §13

use embassy_chapter::{Log, simulated};
use embassy_executor::Spawner;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::channel::Channel;
use embassy_time::Timer;

type Latest = Channel<CriticalSectionRawMutex, i16, 1>;

/// A pretend e-paper display: a refresh takes 1030 ms. Remembers what it showed and when.
struct Display {
    shown: Log<i16>,
}

impl Display {
    const fn new() -> Self {
        Display { shown: Log::new() }
    }

    async fn show(&self, reading: i16) {
        self.shown.record(reading);
        Timer::after_millis(1030).await;
    }

    fn history(&self) -> Vec<(u64, i16)> {
        self.shown.entries()
    }
}

/// The sensor: publishes one reading every 100 ms.
async fn measure(sensor: &[i16], latest: &Latest) {
    for &reading in sensor {
        // TODO: (same fix) an older reading nobody has taken yet should be replaced.
        latest.send(reading).await;
        Timer::after_millis(100).await;
    }
}

/// The display: shows the newest reading, refresh after refresh, forever.
async fn refresh(latest: &Latest, display: &Display) {
    loop {
        // TODO: (same fix) this takes the oldest reading, not the newest.
        let reading = latest.receive().await;
        display.show(reading).await;
    }
}

// TODO: (same fix) this makes the queue.
static LATEST: Latest = Channel::new();
static DISPLAY: Display = Display::new();

#[embassy_executor::task]
async fn sensor_task() {
    // Temperature in tenths of a degree, warming up by 0.1 °C every reading.
    let sensor: Vec<i16> = (200..240).collect();
    measure(&sensor, &LATEST).await;
}

#[embassy_executor::task]
async fn display_task() {
    refresh(&LATEST, &DISPLAY).await;
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    spawner.spawn(sensor_task().unwrap());
    spawner.spawn(display_task().unwrap());
    simulated(Timer::after_millis(4500)).await;
    for (at_ms, reading) in DISPLAY.history() {
        let celsius = f32::from(reading) / 10.0;
        println!("t = {at_ms:>4} ms: display shows {celsius:.1} °C");
    }
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;
    use embassy_futures::select::select;

    // The sensor sends 0, 1, 2, ... 24 (reading n at n * 100 ms); returns what the display showed.
    fn run_station() -> Vec<(u64, i16)> {
        let latest = Latest::new();
        let display = Display::new();
        let sensor: Vec<i16> = (0..25).collect();
        run_simulated(select(refresh(&latest, &display), async {
            measure(&sensor, &latest).await;
            Timer::after_secs(3).await;
        }));
        display.history()
    }

    #[test]
    fn every_refresh_shows_the_newest_reading() {
        let shown = run_station();
        assert!(!shown.is_empty(), "the display never showed anything");
        for (at_ms, reading) in shown {
            let newest = (at_ms / 100).min(24) as i16;
            assert_eq!(
                reading, newest,
                "at t = {at_ms} ms the display showed reading {reading}, but the newest was \
                 {newest}: a queue hands out old readings in order, stale by now"
            );
        }
    }

    #[test]
    fn the_last_reading_is_shown_once_and_only_once() {
        let shown = run_station();
        let readings: Vec<i16> = shown.iter().map(|&(_, reading)| reading).collect();
        assert_eq!(
            readings.last(),
            Some(&24),
            "the final reading must reach the display"
        );
        assert_eq!(
            readings.iter().filter(|&&r| r == 24).count(),
            1,
            "a reading already shown should not be shown again"
        );
    }
}
