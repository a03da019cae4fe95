// wrong: the arms of `Either` are swapped: the timer is `First` here, yet it is read as the press
// embassy9 — `select`: a button press racing a timeout.
//
// On a microcontroller a button is not polled in a loop: the HAL arms a pin
// interrupt (EXTI on STM32, GPIOTE on nRF) and `wait_for_falling_edge().await`
// sleeps until it fires; `embedded-hal-async` names that `digital::Wait`.
//
// "Wait for this OR that, whichever comes first" is
// `embassy_futures::select::select(a, b)`: it polls both futures and returns
// `Either::First` or `Either::Second` with the winner's output. The loser is
// dropped, which cancels it: no thread to kill, no flag to check. For
// timeouts, `embassy_time::with_timeout(duration, fut)` is ready-made.
// roadmap.md §13

use core::convert::Infallible;

use embassy_chapter::simulated;
use embassy_futures::select::{Either, select};
use embassy_time::{Duration, Instant, MockDriver, Timer};
use embedded_hal::digital::ErrorType;
use embedded_hal_async::digital::Wait;

#[derive(Debug, PartialEq)]
enum Outcome {
    Pressed,
    TimedOut,
}

/// Waits at most `timeout` for the button to be pressed (its pin falls from high to low).
async fn wait_for_press<B: Wait>(button: &mut B, timeout: Duration) -> Result<Outcome, B::Error> {
    match select(Timer::after(timeout), button.wait_for_falling_edge()).await {
        Either::First(()) => Ok(Outcome::Pressed),
        Either::Second(edge) => edge.map(|()| Outcome::TimedOut),
    }
}

/// A pretend push button (pin high at rest, low while pressed), pressed once at a given time.
struct ScriptedButton {
    pressed_at: Option<Instant>,
}

impl ScriptedButton {
    fn pressed_at_ms(ms: u64) -> Self {
        ScriptedButton {
            pressed_at: Some(Instant::from_millis(ms)),
        }
    }

    fn never_pressed() -> Self {
        ScriptedButton { pressed_at: None }
    }

    async fn until_pressed(&self) -> Result<(), Infallible> {
        match self.pressed_at {
            Some(at) => Timer::at(at).await,
            None => core::future::pending().await,
        }
        Ok(())
    }
}

impl ErrorType for ScriptedButton {
    type Error = Infallible;
}

impl Wait for ScriptedButton {
    async fn wait_for_high(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    async fn wait_for_low(&mut self) -> Result<(), Self::Error> {
        self.until_pressed().await
    }
    async fn wait_for_rising_edge(&mut self) -> Result<(), Self::Error> {
        core::future::pending().await
    }
    async fn wait_for_falling_edge(&mut self) -> Result<(), Self::Error> {
        self.until_pressed().await
    }
    async fn wait_for_any_edge(&mut self) -> Result<(), Self::Error> {
        self.until_pressed().await
    }
}

#[embassy_executor::main]
async fn main(_spawner: embassy_executor::Spawner) {
    let timeout = Duration::from_secs(3);
    println!("hold the button within 3 s of power-on to enter setup mode");
    for mut button in [
        ScriptedButton::pressed_at_ms(1200),
        ScriptedButton::never_pressed(),
    ] {
        MockDriver::get().reset();
        let Ok(outcome) = simulated(wait_for_press(&mut button, timeout)).await;
        let mode = match outcome {
            Outcome::Pressed => "setup mode",
            Outcome::TimedOut => "normal start",
        };
        println!(
            "t = {:>4} ms: {outcome:?} -> {mode}",
            Instant::now().as_millis()
        );
    }
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;

    /// Waits for a press with a 3 s timeout; returns the outcome and when it came (ms).
    fn wait_3s(mut button: ScriptedButton) -> (Outcome, u64) {
        // Read the clock inside: once `run_simulated` returns, another test may own it.
        let (result, at_ms) = run_simulated(async {
            let waiting = wait_for_press(&mut button, Duration::from_secs(3));
            let result = select(waiting, Timer::after_secs(30)).await;
            (result, Instant::now().as_millis())
        });
        match result {
            Either::First(Ok(outcome)) => (outcome, at_ms),
            Either::Second(()) => panic!(
                "still waiting after 30 s: `wait_for_press` must give up when its 3 s timeout is over"
            ),
        }
    }

    #[test]
    fn a_press_before_the_timeout_wins() {
        assert_eq!(
            wait_3s(ScriptedButton::pressed_at_ms(1200)),
            (Outcome::Pressed, 1200)
        );
    }

    #[test]
    fn no_press_times_out_after_3_s() {
        assert_eq!(
            wait_3s(ScriptedButton::never_pressed()),
            (Outcome::TimedOut, 3000)
        );
    }

    #[test]
    fn a_press_after_the_timeout_is_too_late() {
        assert_eq!(
            wait_3s(ScriptedButton::pressed_at_ms(5000)),
            (Outcome::TimedOut, 3000),
            "a press at 5 s comes after the 3 s timeout"
        );
    }
}
