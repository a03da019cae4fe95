// wrong: declares `strlen` a `safe fn` too: it reads through a raw pointer, so a caller must promise the pointer is valid
// edition7 — `unsafe extern` blocks and `safe` foreign functions.
//
// An `extern` block declares functions that live in another language's
// library. The compiler cannot check that the declared signatures match the
// real ones, and a wrong declaration is undefined behaviour. Edition 2021
// accepted a plain `extern "C" { .. }` and made every item in it unsafe to
// call. Edition 2024 requires `unsafe extern "C" { .. }`: writing `unsafe`
// is your promise that the declarations are right. In return you may mark
// each item `safe fn` (callable from safe code: your promise that no input
// can cause UB) or leave it `unsafe fn` (the default). roadmap.md §1

use std::ffi::{CStr, c_char};

// Both come from the C library (libm / libc) that Rust's std already links.
unsafe extern "C" {
    safe fn hypot(x: f64, y: f64) -> f64;
    safe fn strlen(s: *const c_char) -> usize;

}

// Distance between two points on a plane.
fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    hypot(b.0 - a.0, b.1 - a.1)
}

// Length in bytes of a C string, as C sees it.
fn c_len(s: &CStr) -> usize {
    strlen(s.as_ptr())
}

fn main() {
    println!("distance (0,0)-(3,4): {}", distance((0.0, 0.0), (3.0, 4.0)));
    println!("C says c\"ferris\" is {} bytes long", c_len(c"ferris"));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_between_points() {
        assert!((distance((0.0, 0.0), (3.0, 4.0)) - 5.0).abs() < 1e-12);
        assert!((distance((1.0, 1.0), (1.0, -2.0)) - 3.0).abs() < 1e-12);
    }

    #[test]
    fn c_string_length_stops_at_nul() {
        assert_eq!(c_len(c"crab"), 4);
        assert_eq!(c_len(c""), 0);
    }

    #[test]
    fn only_what_no_argument_can_break_is_declared_safe() {
        // Compiles only if `hypot` is declared `safe`: no `unsafe` here.
        assert!((hypot(3.0, 4.0) - 5.0).abs() < 1e-12);
        // `strlen` follows a raw pointer: no declaration can make that
        // safe, so its calls must stay in `unsafe` blocks.
        let code: String = include_str!("edition7.rs")
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .flat_map(|l| l.split_whitespace())
            .collect();
        assert!(
            !code.contains(concat!("safe", "fn", "strlen")),
            "`strlen` must not be declared `safe fn`"
        );
    }
}
