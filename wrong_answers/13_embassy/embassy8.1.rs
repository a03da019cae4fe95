// wrong (compile): bounds `D` by the blocking `embedded_hal::delay::DelayNs`, whose `delay_ms` is no future
// embassy8 — a driver against `embedded-hal` traits, tested with mock pins.
//
// `embedded-hal` 1.0 is the contract between drivers and chips: `OutputPin`
// (set_high / set_low), `InputPin`, SPI, I2C... and `embedded-hal-async` adds
// async versions (`DelayNs`, `digital::Wait`, async SPI/I2C). Every HAL —
// embassy-stm32, embassy-nrf, embassy-rp, esp-hal — implements them for its
// own pin and timer types. A driver generic over the traits runs on all those
// chips unchanged, and on your PC with a mock pin, which is how it is tested.
//
// Pin operations can fail (a pin behind an I2C port expander, say), so they
// return `Result<(), Self::Error>`; a good driver passes that error up.
// roadmap.md §13

use embassy_chapter::simulated;
use embassy_time::{Delay, Instant};
use embedded_hal::digital::{ErrorType, OutputPin};

/// Shows an error code on a status LED: `code` short flashes, then a long pause.
struct ErrorBlinker<P, D> {
    led: P,
    delay: D,
}

impl<P: OutputPin, D: embedded_hal::delay::DelayNs> ErrorBlinker<P, D> {
    fn new(led: P, delay: D) -> Self {
        ErrorBlinker { led, delay }
    }

    async fn show(&mut self, code: u8) -> Result<(), P::Error> {
        for _ in 0..code {
            self.led.set_high()?;
            self.delay.delay_ms(200).await;
            self.led.set_low()?;
            self.delay.delay_ms(200).await;
        }
        self.delay.delay_ms(1000).await;
        Ok(())
    }
}

/// A pin that prints what happens to it, for `main`.
struct ConsolePin;

impl ErrorType for ConsolePin {
    type Error = core::convert::Infallible;
}

impl OutputPin for ConsolePin {
    fn set_high(&mut self) -> Result<(), Self::Error> {
        println!("t = {:>4} ms: LED on", Instant::now().as_millis());
        Ok(())
    }

    fn set_low(&mut self) -> Result<(), Self::Error> {
        println!("t = {:>4} ms: LED off", Instant::now().as_millis());
        Ok(())
    }
}

#[embassy_executor::main]
async fn main(_spawner: embassy_executor::Spawner) {
    // On a board: `ErrorBlinker::new(Output::new(p.PC13, Level::Low, Speed::Low), Delay)`.
    let mut blinker = ErrorBlinker::new(ConsolePin, Delay);
    println!("showing error code 3");
    let Ok(()) = simulated(blinker.show(3)).await;
    println!("t = {:>4} ms: done", Instant::now().as_millis());
    std::process::exit(0);
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use embassy_chapter::run_simulated;

    use embedded_hal::digital::{Error, ErrorKind};

    /// A mock pin that records (ms since start, level) for every change.
    #[derive(Default)]
    struct RecordingPin(Vec<(u64, bool)>);

    impl ErrorType for RecordingPin {
        type Error = core::convert::Infallible;
    }

    impl OutputPin for RecordingPin {
        fn set_high(&mut self) -> Result<(), Self::Error> {
            self.0.push((Instant::now().as_millis(), true));
            Ok(())
        }
        fn set_low(&mut self) -> Result<(), Self::Error> {
            self.0.push((Instant::now().as_millis(), false));
            Ok(())
        }
    }

    /// A mock pin whose wire is cut: every operation fails.
    struct BrokenPin;

    #[derive(Debug, PartialEq)]
    struct Disconnected;

    impl Error for Disconnected {
        fn kind(&self) -> ErrorKind {
            ErrorKind::Other
        }
    }

    impl ErrorType for BrokenPin {
        type Error = Disconnected;
    }

    impl OutputPin for BrokenPin {
        fn set_high(&mut self) -> Result<(), Self::Error> {
            Err(Disconnected)
        }
        fn set_low(&mut self) -> Result<(), Self::Error> {
            Err(Disconnected)
        }
    }

    #[test]
    fn code_3_is_three_flashes_then_a_pause() {
        let mut blinker = ErrorBlinker::new(RecordingPin::default(), Delay);
        let (result, finished_at) = run_simulated(async {
            let result = blinker.show(3).await;
            (result, Instant::now().as_millis())
        });
        assert_eq!(result, Ok(()));
        let on_off = [0, 200, 400, 600, 800, 1000].map(|at| (at, at % 400 == 0));
        assert_eq!(blinker.led.0, on_off, "three 200 ms flashes, 200 ms apart");
        assert_eq!(finished_at, 2200, "then one second of darkness");
    }

    #[test]
    fn a_pin_error_reaches_the_caller() {
        let mut blinker = ErrorBlinker::new(BrokenPin, Delay);
        assert_eq!(run_simulated(blinker.show(2)), Err(Disconnected));
    }
}
