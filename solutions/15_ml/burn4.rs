// burn4 — the same regression as candle5, in Burn: the loss decides.
//
// The training loop below is burn3's, with the seeded 64 points near
// y = 3x - 2. What it minimises is the loss, and a loss must measure how
// wrong the model is: never negative, zero only for a perfect fit. For a
// regression the usual choice is the mean squared error: smooth, so its
// gradient shrinks as the fit improves and gradient descent settles (the
// mean *absolute* error's gradient does not shrink, so with a fixed
// learning rate it keeps overshooting the best line). `burn::nn::loss` has
// the common losses. Compare with candle5: there you wrote the update, here
// Burn's optimiser owns it.
//
// roadmap.md §12.2

use burn::nn::loss::{MseLoss, Reduction};
use burn::optim::{GradientsParams, SgdConfig};
use burn::tensor::{Device, Tensor};
use ml_chapter::burn_line::{LineModel, regression_tensors};

const LEARNING_RATE: f64 = 0.2;

/// How wrong the predictions are, as one number to minimise.
fn loss(predictions: Tensor<2>, targets: Tensor<2>) -> Tensor<1> {
    MseLoss::new().forward(predictions, targets, Reduction::Mean)
}

/// Trains a fresh `LineModel` for `steps` steps on an autodiff device.
fn train(steps: usize) -> LineModel {
    let device = Device::flex().autodiff();
    let (x, y) = regression_tensors(64, 42, &device);
    let mut model = LineModel::new(&device);
    let mut optimizer = SgdConfig::new().init();
    for _ in 0..steps {
        let loss = loss(model.forward(x.clone()), y.clone());
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        model = optimizer.step(LEARNING_RATE, model, grads);
    }
    model
}

fn main() {
    for steps in [1, 10, 100] {
        let (w, b) = train(steps).line();
        println!("after {steps:3} steps: y = {w:.3}·x + {b:.3}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use ml_chapter::{TRUE_INTERCEPT, TRUE_SLOPE, regression_data};

    #[test]
    fn the_squared_error_falls_under_the_bound() {
        let (w, b) = train(100).line();
        let (xs, ys) = regression_data(64, 42);
        let mse = xs
            .iter()
            .zip(&ys)
            .map(|(x, y)| (w * x + b - y).powi(2))
            .sum::<f32>()
            / 64.0;
        assert!(
            mse < 0.002,
            "mean squared error {mse} after 100 steps (y = {w}·x + {b})"
        );
    }

    #[test]
    fn recovers_the_line_behind_the_data() {
        let (w, b) = train(100).line();
        assert!(
            (w - TRUE_SLOPE).abs() < 0.05,
            "slope {w}, want about {TRUE_SLOPE}"
        );
        assert!(
            (b - TRUE_INTERCEPT).abs() < 0.05,
            "intercept {b}, want about {TRUE_INTERCEPT}"
        );
    }

    #[test]
    fn a_perfect_fit_costs_nothing_and_a_miss_costs_more() {
        let device = Device::flex();
        let targets = Tensor::<2>::from_floats([[1.0], [2.0]], &device);
        let zero = loss(targets.clone(), targets.clone()).into_scalar::<f32>();
        let above = loss(targets.clone() + 1.0, targets.clone()).into_scalar::<f32>();
        let below = loss(targets.clone() - 1.0, targets).into_scalar::<f32>();
        assert_eq!(zero, 0.0);
        assert!(
            above > 0.0 && below > 0.0,
            "missing by +1 costs {above}, by -1 costs {below}"
        );
    }
}
