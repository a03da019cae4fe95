// embassy10_string — text without a heap: `heapless::String` and `write!`.
//
// `format!` builds a `std::string::String` on the heap, and a `no_std`
// firmware has no heap. `heapless::String<N>` holds at most N bytes inline
// (on the stack, or in a `static`); `core::fmt::Write` gives it the `write!`
// macro, with every `{}` formatting you know. Writing more than N bytes is an
// `Err`, not a reallocation: size N for the longest text you will write.
// This file is `#![no_std]`; only its `host` and `tests` modules link `std`.
// roadmap.md §13
#![no_std]

/// The part that would be shared with the firmware: `core` and `heapless` only.
mod filter {
    use core::fmt::Write;
    use heapless::{Deque, String};

    /// Smooths a noisy ADC signal: the average of the last `N` samples.
    pub struct MovingAverage<const N: usize> {
        window: Deque<u16, N>,
    }

    impl<const N: usize> MovingAverage<N> {
        pub fn new() -> Self {
            MovingAverage {
                window: Deque::new(),
            }
        }

        /// Adds a sample (forgetting the oldest one once `N` are stored) and returns the
        /// average of the samples in the window.
        pub fn add(&mut self, sample: u16) -> u16 {
            if self.window.is_full() {
                self.window.pop_front();
            }
            // Cannot fail: there is room now.
            let _ = self.window.push_back(sample);
            let sum: u32 = self.window.iter().map(|&s| u32::from(s)).sum();
            (sum / self.window.len() as u32) as u16
        }
    }

    /// Formats millivolts as volts with three decimals, e.g. `1.234 V`.
    pub fn volts(millivolts: u16) -> String<16> {
        let mut text = String::new();
        // Cannot fail: "65.535 V", the longest, fits in 16 bytes.
        let _ = write!(text, "{}.{:03} V", millivolts / 1000, millivolts % 1000);
        text
    }
}

/// The host side: on a board this would be a task reading the ADC and logging with `defmt`.
mod host {
    extern crate std;

    use super::filter::{MovingAverage, volts};

    pub fn run() {
        let noisy = [1200, 1260, 1180, 1240, 1900, 1210, 1230, 1190];
        let mut smooth = MovingAverage::<4>::new();
        for sample in noisy {
            let average = smooth.add(sample);
            std::println!("ADC {} -> smoothed {}", volts(sample), volts(average));
        }
    }
}

fn main() {
    host::run();
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    extern crate std;

    use super::filter::volts;

    #[test]
    fn formats_volts() {
        assert_eq!(volts(1234).as_str(), "1.234 V");
        assert_eq!(volts(5).as_str(), "0.005 V");
        assert_eq!(volts(u16::MAX).as_str(), "65.535 V");
    }
}
