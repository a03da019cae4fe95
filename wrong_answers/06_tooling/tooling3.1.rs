// wrong: replaces the specification's pi by `std::f64::consts::PI` to please clippy: positions computed with it drift from GPS
// tooling3 — `#[expect(lint, reason = "...")]` instead of `#[allow(lint)]`.
//
// Sometimes a lint is wrong about one item and the code should stay. Then
// silence it on that item, not for the whole crate. `#[allow(lint)]` does
// that forever: when the code changes and the reason is gone, it stays and
// hides the next real problem. `#[expect(lint, reason = "...")]` (stable
// since Rust 1.81) silences the lint too, records why, and itself warns
// (`unfulfilled_lint_expectations`) once the lint no longer fires there.
//
// This chapter's Cargo.toml warns on clippy's `allow_attributes` and
// `allow_attributes_without_reason`, and this exercise is `strict_clippy`:
// every warning fails it. roadmap.md §14

// TODO: both exceptions below are `#[allow]`s, which this chapter's lint
// table warns about; and one of them no longer excuses anything.

/// π as the GPS interface specification (IS-GPS-200) fixes it for orbit
/// computations: a receiver must use exactly this value, not `f64::consts::PI`.
const GPS_PI: f64 = std::f64::consts::PI;

/// The NMEA 0183 checksum: the XOR of the bytes between `$` and `*`.

fn nmea_checksum(sentence: &str) -> u8 {
    sentence.bytes().fold(0, |acc, byte| acc ^ byte)
}

fn main() {
    let sentence = "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,";
    println!("${sentence}*{:02X}", nmea_checksum(sentence));
    println!("half a GPS orbit is {GPS_PI} radians");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_of_a_known_sentence() {
        let sentence = "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,";
        assert_eq!(nmea_checksum(sentence), 0x47);
    }

    #[test]
    fn gps_pi_keeps_the_value_of_the_specification() {
        assert_eq!(GPS_PI.to_string(), "3.1415926535898");
        assert_ne!(GPS_PI, std::f64::consts::PI);
    }
}
