// wrong: a fixed capacity of 16 instead of `N`: a wider window silently keeps only its first 16 samples
// embassy10 — `#![no_std]` logic that your host tests exercise.
//
// Firmware is `#![no_std]`: `core` (Option, iterators, slices, str, fmt) but
// no `std`, and without a global allocator no heap: no `Vec`, `VecDeque`,
// `String` or `Box`. The `heapless` crate's fixed-capacity stand-ins
// (`Vec<T, N>`, `Deque<T, N>`, `String<N>`) are sized by a const generic:
// memory known at compile time, and "full" is an error you handle.
//
// What makes embedded code testable: keep the logic (filters, parsers, state
// machines) in `no_std` code that never touches a register; test it on the PC.
// This file is `#![no_std]`; only its `host` and `tests` modules link `std`.
// roadmap.md §13
#![no_std]

/// The part that would be shared with the firmware: `core` and `heapless` only.
mod filter {
    use heapless::Deque;

    /// Smooths a noisy ADC signal: the average of the last `N` samples.
    pub struct MovingAverage<const N: usize> {
        window: Deque<u16, 16>,
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
            if self.window.len() == N {
                self.window.pop_front();
            }
            let _ = self.window.push_back(sample);
            let sum: u32 = self.window.iter().map(|&s| u32::from(s)).sum();
            (sum / self.window.len() as u32) as u16
        }
    }
}

/// The host side: on a board this would be a task reading the ADC and logging with `defmt`.
mod host {
    extern crate std;

    use super::filter::MovingAverage;

    pub fn run() {
        let noisy = [1200, 1260, 1180, 1240, 1900, 1210, 1230, 1190];
        let mut smooth = MovingAverage::<4>::new();
        for sample in noisy {
            let average = smooth.add(sample);
            std::println!("ADC {sample:4} mV -> smoothed {average:4} mV");
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

    use super::filter::MovingAverage;

    #[test]
    fn averages_only_the_last_n_samples() {
        let mut smooth = MovingAverage::<3>::new();
        let averages = [30, 60, 90, 300, 0, 0].map(|s| smooth.add(s));
        assert_eq!(averages, [30, 45, 60, 150, 130, 100]);
    }

    #[test]
    fn a_wide_window_holds_n_samples() {
        let mut smooth = MovingAverage::<100>::new();
        let mut last = 0;
        for sample in 1..=200 {
            last = smooth.add(sample);
        }
        assert_eq!(last, 150, "the average of the last 100 samples, 101..=200");
    }

    #[test]
    fn a_long_run_never_overflows_the_window() {
        let mut smooth = MovingAverage::<8>::new();
        for _ in 0..10_000 {
            smooth.add(u16::MAX);
        }
        assert_eq!(smooth.add(u16::MAX), u16::MAX);
    }

    #[test]
    fn the_window_is_part_of_the_filter() {
        // The board has no heap: a window of 100 samples must be stored in the
        // filter itself (200 bytes), where a heap collection keeps a pointer.
        let size = core::mem::size_of::<MovingAverage<100>>();
        assert!(
            size >= 200,
            "a filter of 100 samples takes {size} bytes, so its window is elsewhere: on a \
             heap, which the board does not have (only this host test does, which is why \
             `alloc` compiled here)"
        );
    }
}
