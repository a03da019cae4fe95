// burn3 — one training step: gradients, then the optimiser.
//
// In candle5 you moved each `Var` against its gradient by hand. Burn's
// optimisers (`SgdConfig`, `AdamConfig`, ...) do that for a whole module:
// `loss.backward()` gives gradients for every tensor in the graph,
// `GradientsParams::from_grads(grads, &model)` picks out the ones that
// belong to the model's parameters, and `optimizer.step(learning_rate,
// model, grads)` consumes the model and returns the updated one.
//
// `LineModel` (in this chapter's support.rs) is burn1's model with one
// input: y = w·x + b, starting from w = b = 0.
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
    let grads = GradientsParams::from_grads(loss.backward(), &model);
    let model = optimizer.step(LEARNING_RATE, model, grads);
    (model, loss.into_scalar::<f32>())
}

fn main() {
    let device = Device::flex().autodiff();
    let (x, y) = regression_tensors(64, 42, &device);
    let mut model = LineModel::new(&device);
    let mut optimizer = SgdConfig::new().init();
    for step in 1..=5 {
        let loss;
        (model, loss) = train_step(model, &mut optimizer, x.clone(), y.clone());
        let (w, b) = model.line();
        println!("step {step}: loss {loss:.4} -> y = {w:.3}·x + {b:.3}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_moves_the_parameters_downhill() {
        let device = Device::flex().autodiff();
        let (x, y) = regression_tensors(64, 42, &device);
        let mut optimizer = SgdConfig::new().init();
        let (model, _) = train_step(LineModel::new(&device), &mut optimizer, x, y);
        let (w, b) = model.line();
        // The data lie near y = 3x - 2: w must grow, b must shrink.
        assert!(w > 0.1 && b < -0.1, "after one step: w = {w}, b = {b}");
    }

    #[test]
    fn the_loss_falls_step_after_step() {
        let device = Device::flex().autodiff();
        let (x, y) = regression_tensors(64, 42, &device);
        let mut optimizer = SgdConfig::new().init();
        let mut model = LineModel::new(&device);
        let mut losses = Vec::new();
        for _ in 0..4 {
            let loss;
            (model, loss) = train_step(model, &mut optimizer, x.clone(), y.clone());
            losses.push(loss);
        }
        assert!(
            losses.windows(2).all(|pair| pair[1] < pair[0]),
            "losses {losses:?}"
        );
    }
}
