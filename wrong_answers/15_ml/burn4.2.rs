// wrong: `backward` from a detached copy of the loss: nothing behind it is tracked, so no gradients (Burn panics)
// burn4 — training in Burn: gradients, then the optimiser.
//
// In candle5 you moved each `Var` against its gradient by hand. Burn's
// optimisers (`SgdConfig`, `AdamConfig`, ...) do that for a whole module:
// `loss.backward()` gives gradients for every tensor in the graph,
// `GradientsParams::from_grads(grads, &model)` picks out the ones that
// belong to the model's parameters, and `optimizer.step(learning_rate,
// model, grads)` consumes the model and returns the updated one.
//
// `LineModel` (in this chapter's support.rs) is burn1's model with one
// input: y = w·x + b, starting from w = b = 0. The data, the loss and the
// learning rate are candle5's, so the two print the same lines.
//
// roadmap.md §12.2

use burn::nn::loss::{MseLoss, Reduction};
use burn::optim::{GradientsParams, ModuleOptimizer, SgdConfig};
use burn::tensor::{Device, Tensor};
use ml_chapter::burn_line::{LineModel, regression_tensors};

const LEARNING_RATE: f64 = 0.2;

/// One step of gradient descent; returns the updated model and the loss
/// measured before the update.
fn train_step(
    model: LineModel,
    optimizer: &mut ModuleOptimizer,
    x: Tensor<2>,
    y: Tensor<2>,
) -> (LineModel, f32) {
    let loss = MseLoss::new().forward(model.forward(x), y, Reduction::Mean);
    let grads = GradientsParams::from_grads(loss.clone().detach().backward(), &model);
    let model = optimizer.step(LEARNING_RATE, model, grads);
    (model, loss.into_scalar::<f32>())
}

/// Trains a fresh `LineModel` for `steps` steps; returns it and the last step's loss.
fn train(steps: usize) -> (LineModel, f32) {
    let device = Device::flex().autodiff();
    let (x, y) = regression_tensors(64, 42, &device);
    let mut model = LineModel::new(&device);
    let mut optimizer = SgdConfig::new().init();
    let mut loss = f32::INFINITY;
    for _ in 0..steps {
        (model, loss) = train_step(model, &mut optimizer, x.clone(), y.clone());
    }
    (model, loss)
}

fn main() {
    for steps in [1, 10, 100] {
        let (model, loss) = train(steps);
        let (w, b) = model.line();
        println!("after {steps:3} steps: y = {w:.3}·x + {b:.3}, loss {loss:.5}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use ml_chapter::{TRUE_INTERCEPT, TRUE_SLOPE};

    #[test]
    fn a_step_moves_the_parameters_downhill() {
        let (w, b) = train(1).0.line();
        // The data lie near y = 3x - 2: w must grow, b must shrink.
        assert!(w > 0.1 && b < -0.1, "after one step: w = {w}, b = {b}");
    }

    #[test]
    fn the_loss_falls_step_after_step() {
        let losses: Vec<f32> = (1..=4).map(|steps| train(steps).1).collect();
        assert!(
            losses.windows(2).all(|pair| pair[1] < pair[0]),
            "losses {losses:?}"
        );
    }

    #[test]
    fn recovers_the_line_behind_the_data() {
        let (model, loss) = train(100);
        let (w, b) = model.line();
        // The noise alone gives a loss of about 0.0008.
        assert!(loss < 0.002, "loss {loss} after 100 steps");
        assert!(
            (w - TRUE_SLOPE).abs() < 0.05,
            "slope {w}, want about {TRUE_SLOPE}"
        );
        assert!(
            (b - TRUE_INTERCEPT).abs() < 0.05,
            "intercept {b}, want about {TRUE_INTERCEPT}"
        );
    }
}
