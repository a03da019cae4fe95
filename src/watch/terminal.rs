//! The terminal while the watch screen runs: raw mode (single key presses,
//! no echo) held by a guard that puts the learner's settings back on every
//! way out — return, `?`, a panic of the main thread (through a panic hook,
//! which also runs before an abort), and a signal (the loop turns it into a
//! normal return).

use std::io::{self, Write};
use std::os::fd::RawFd;
use std::sync::OnceLock;

/// The settings found at start, for the panic hook.
static ORIGINAL: OnceLock<(RawFd, libc::termios)> = OnceLock::new();

const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// Raw mode until dropped.
pub struct RawMode {
    _private: (),
}

impl RawMode {
    /// Switches stdin's terminal to raw mode, keeping output processing
    /// (so `\n` still starts a new line), and hides the cursor.
    pub fn enable() -> io::Result<RawMode> {
        let fd = libc::STDIN_FILENO;
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct on success, checked below.
        if unsafe { libc::tcgetattr(fd, termios.as_mut_ptr()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: initialised by the successful tcgetattr above.
        let original = unsafe { termios.assume_init() };
        let _ = ORIGINAL.set((fd, original));
        let mut raw = original;
        // SAFETY: cfmakeraw only edits the struct it is given.
        unsafe { libc::cfmakeraw(&mut raw) };
        raw.c_oflag = original.c_oflag;
        // SAFETY: a valid termios for a valid fd.
        if unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, &raw) } != 0 {
            return Err(io::Error::last_os_error());
        }
        install_panic_hook();
        let mut out = io::stdout();
        let _ = write!(out, "{HIDE_CURSOR}");
        let _ = out.flush();
        Ok(RawMode { _private: () })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the original settings back and shows the cursor. Safe to call
/// more than once.
pub fn restore() {
    if let Some((fd, original)) = ORIGINAL.get() {
        // SAFETY: the settings tcgetattr gave us, for the same fd.
        unsafe {
            libc::tcsetattr(*fd, libc::TCSADRAIN, original);
        }
    }
    let mut out = io::stdout();
    let _ = write!(out, "\x1b[0m{SHOW_CURSOR}");
    let _ = out.flush();
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
                let _ = writeln!(std::io::stderr());
            }
            previous(info);
        }));
    });
}
