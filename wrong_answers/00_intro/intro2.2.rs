// wrong: divides by `len().max(1)` to dodge the division by zero: an empty slice gets `Some(0.0)`, not `None`
// intro2 — how rustdrill works: make a failing test pass.
//
// Compiling is not enough: an exercise is done when its tests pass too.
// When a test fails, rustdrill shows the test's name and its assertion
// message first. Read what the test expected and what it got.
//
// `mean` should return the average of the numbers, and `None` for an empty
// slice (there is no average of nothing), instead of dividing by zero.

fn mean(values: &[f64]) -> Option<f64> {
    let sum: f64 = values.iter().sum();
    Some(sum / values.len().max(1) as f64)
}

fn main() {
    let temperatures = [18.5, 21.0, 19.5, 23.0];
    match mean(&temperatures) {
        Some(avg) => println!("average temperature: {avg:.1} °C"),
        None => println!("no readings"),
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_of_readings() {
        assert_eq!(mean(&[1.0, 2.0, 3.0, 6.0]), Some(3.0));
    }

    #[test]
    fn no_readings_has_no_average() {
        assert_eq!(mean(&[]), None, "an empty slice has no mean");
    }
}
