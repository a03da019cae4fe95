// embassy4 — blinky without drift: `Timer` versus `Ticker`.
//
// On a microcontroller `Timer::after(d).await` costs no CPU: the task sleeps,
// a hardware timer raises an interrupt when `d` is up, and the executor polls
// the task again. That replaces the busy-wait delay loops and hand-written
// timer interrupts of classic embedded code. But "wait 500 ms after the work"
// is not "every 500 ms": if the loop body itself takes time, each period grows
// by that much and the blink drifts. `Ticker::every(d)` remembers when the
// previous tick was due and fires at fixed deadlines, so the work in the loop
// does not push the schedule back. (The tests run 2 s of blinking on
// simulated time, in milliseconds.)
// roadmap.md §13

use embassy_chapter::{Led, simulated};
use embassy_time::{Duration, Ticker, Timer};

/// Pretends to send the LED state over a slow serial port: "on" takes 20 ms,
/// the longer "off" 30 ms.
async fn report_state(on: bool) {
    Timer::after_millis(if on { 20 } else { 30 }).await;
}

/// Switches `led` every `half_period`, `switches` times, reporting each new state.
async fn blink(led: &Led, half_period: Duration, switches: usize) {
    let mut ticker = Ticker::every(half_period);
    for _ in 0..switches {
        let on = led.toggle();
        report_state(on).await;
        ticker.next().await;
    }
}

static LED: Led = Led::new();

#[embassy_executor::main]
async fn main(_spawner: embassy_executor::Spawner) {
    simulated(blink(&LED, Duration::from_millis(500), 6)).await;
    for (at_ms, on) in LED.history() {
        let state = if on { "on" } else { "off" };
        println!("t = {at_ms:>4} ms: LED {state}");
    }
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;

    #[test]
    fn switches_every_500_ms_even_though_reporting_takes_time() {
        let led = Led::new();
        run_simulated(blink(&led, Duration::from_millis(500), 5));
        let times: Vec<u64> = led.history().iter().map(|&(at, _)| at).collect();
        assert_eq!(
            times,
            [0, 500, 1000, 1500, 2000],
            "the LED drifts: waiting 500 ms *after* a 20 or 30 ms report makes the periods \
             520 and 530 ms"
        );
    }

    #[test]
    fn alternates_on_and_off() {
        let led = Led::new();
        run_simulated(blink(&led, Duration::from_millis(100), 4));
        let states: Vec<bool> = led.history().iter().map(|&(_, on)| on).collect();
        assert_eq!(states, [true, false, true, false]);
    }
}
