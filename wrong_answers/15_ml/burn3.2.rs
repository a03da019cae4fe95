// wrong: a sum of squares grows with the batch size (the wrong reduction)
// burn3 — the loss decides what the model learns.
//
// Training lowers the loss, whatever the loss measures. So a loss must
// measure how wrong the model is: never negative, zero only for a perfect
// fit, a miss below the line as bad as one above it, and a bigger miss
// worse. For a regression the usual choice is the mean squared error. It
// is smooth: its gradient shrinks as the fit improves, so gradient descent
// settles (the mean *absolute* error pulls just as hard at a tiny miss, so
// with a fixed learning rate it keeps overshooting). And it is a *mean*: a
// batch twice as large does not cost twice as much, so the learning rate
// does not depend on the batch size. `burn::nn::loss` has the common losses.
//
// roadmap.md §12.2

use burn::tensor::{Device, Tensor};

/// How wrong the predictions are, as one number to minimise.
fn loss(predictions: Tensor<2>, targets: Tensor<2>) -> Tensor<1> {
    (predictions - targets).square().sum()
}

/// A (rows, 1) column of numbers, as a model's predictions or targets are.
fn column(values: &[f32], device: &Device) -> Tensor<2> {
    Tensor::<1>::from_floats(values, device).reshape([values.len(), 1])
}

fn main() {
    let device = Device::flex();
    let targets = column(&[1.0, 2.0, 3.0], &device);
    for (name, predictions) in [
        ("perfect", [1.0, 2.0, 3.0]),
        ("0.5 too high", [1.5, 2.5, 3.5]),
        ("2 too low", [-1.0, 0.0, 1.0]),
        ("misses cancel", [0.0, 2.0, 4.0]),
    ] {
        let cost = loss(column(&predictions, &device), targets.clone());
        println!("{name:>13}: loss {:.3}", cost.into_scalar::<f32>());
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn cost(predictions: &[f32], targets: &[f32]) -> f32 {
        let device = Device::flex();
        loss(column(predictions, &device), column(targets, &device)).into_scalar::<f32>()
    }

    #[test]
    fn a_perfect_fit_costs_nothing_and_every_miss_costs_something() {
        assert_eq!(cost(&[1.0, 2.0], &[1.0, 2.0]), 0.0);
        let (above, below) = (
            cost(&[2.0, 3.0], &[1.0, 2.0]),
            cost(&[0.0, 1.0], &[1.0, 2.0]),
        );
        assert!(
            above > 0.0 && below > 0.0,
            "missing by +1 costs {above}, by -1 costs {below}"
        );
        let crossed = cost(&[0.0, 2.0, 4.0], &[1.0, 2.0, 3.0]);
        assert!(
            crossed > 0.0,
            "a miss below and one above cost {crossed} together"
        );
    }

    #[test]
    fn a_bigger_miss_costs_more() {
        let (one, two) = (cost(&[2.0], &[1.0]), cost(&[3.0], &[1.0]));
        assert!(two > one, "missing by 1 costs {one}, by 2 costs {two}");
    }

    #[test]
    fn the_pull_weakens_as_the_fit_improves() {
        // How hard the loss pulls a prediction: its gradient (burn2).
        let pull = |miss: f32| {
            let device = Device::flex().autodiff();
            let predictions = column(&[1.0 + miss], &device).require_grad();
            let grads = loss(predictions.clone(), column(&[1.0], &device)).backward();
            let gradient = predictions
                .grad(&grads)
                .expect("a gradient for the predictions");
            gradient.into_scalar::<f32>().abs()
        };
        let (near, far) = (pull(0.1), pull(1.0));
        assert!(
            near < far / 2.0,
            "a miss of 0.1 is pulled {near}, a miss of 1 is pulled {far}: a loss that pulls a \
             near miss as hard as a far one makes gradient descent overshoot for ever"
        );
    }

    #[test]
    fn the_batch_size_does_not_change_the_cost() {
        let small = cost(&[2.0, 0.0], &[1.0, 1.0]);
        let large = cost(&[2.0, 0.0, 2.0, 0.0], &[1.0, 1.0, 1.0, 1.0]);
        assert_eq!(
            small, large,
            "the same misses cost {small} on 2 points and {large} on 4: a sum grows with the \
             batch, and the right learning rate with it"
        );
    }
}
