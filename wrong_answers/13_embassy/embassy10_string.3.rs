// wrong: `String<6>` is too short for "65.535 V", and `let _ =` hides the `Err` of the write that does not fit
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
mod display {
    use core::fmt::Write;
    use heapless::String;

    /// Formats millivolts as volts with three decimals, e.g. `1.234 V`.
    pub fn volts(millivolts: u16) -> String<6> {
        let mut text = String::new();
        let _ = write!(text, "{}.{:03} V", millivolts / 1000, millivolts % 1000);
        text
    }
}

/// The host side: on a board this would be a task showing the battery on a small display.
mod host {
    extern crate std;

    use super::display::volts;

    pub fn run() {
        for millivolts in [4200, 3700, 3305, 3050, 5] {
            std::println!("battery: {}", volts(millivolts));
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

    use super::display::volts;

    #[test]
    fn formats_volts() {
        assert_eq!(volts(1234).as_str(), "1.234 V");
        assert_eq!(volts(5).as_str(), "0.005 V");
        assert_eq!(volts(3050).as_str(), "3.050 V");
        assert_eq!(volts(u16::MAX).as_str(), "65.535 V");
    }

    #[test]
    fn the_text_is_stored_in_the_value_itself() {
        let text = volts(3700);
        let start = &raw const text as usize;
        let end = start + core::mem::size_of_val(&text);
        let bytes = text.as_str().as_ptr() as usize;
        assert!(
            (start..end).contains(&bytes),
            "the text is stored at {bytes:#x}, outside the value ({start:#x}..{end:#x}): on a \
             heap, which the board does not have (only this host test does, which is why \
             `alloc` compiled here)"
        );
    }
}
