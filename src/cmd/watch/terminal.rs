//! The terminal while the watch screen runs: raw mode (single key presses,
//! no echo) and a hidden cursor, held by a guard that puts the learner's
//! settings back on every way out — return, `?`, a panic of the main
//! thread (through a panic hook, which also runs before an abort), and a
//! signal (the loop turns it into a normal return). crossterm keeps the
//! settings found at start and restores them.

use std::io::{self, Write};
use std::sync::OnceLock;

use crossterm::{cursor, style, terminal};

/// Raw mode until dropped.
pub struct RawMode {
    _private: (),
}

impl RawMode {
    /// Switches the terminal to raw mode and hides the cursor. Raw mode
    /// also turns output processing off: the screen ends its lines with
    /// `\r\n` itself.
    pub fn enable() -> io::Result<RawMode> {
        terminal::enable_raw_mode()?;
        install_panic_hook();
        let _ = crossterm::execute!(io::stdout(), cursor::Hide);
        Ok(RawMode { _private: () })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the original settings back, resets colours and shows the cursor.
/// Safe to call more than once, and on a terminal that is gone.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        style::SetAttribute(style::Attribute::Reset),
        cursor::Show
    );
}

fn install_panic_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A panic of the main thread ends the program: restore first, so
            // the message lands on a sane terminal. Worker threads' panics
            // are caught and reported on the screen, which keeps running.
            if std::thread::current().name() == Some("main") {
                restore();
                let _ = writeln!(io::stderr());
            }
            previous(info);
        }));
    });
}
