// wrong: `+` moves each parameter with its gradient, uphill: the loss grows
// candle5 — a tiny model: linear regression trained by gradient descent.
//
// Put the last exercises together: the data are 64 points near the line
// y = 3x - 2 (from a seeded generator, the same every run), the model is
// `x · w + b` with two `Var`s, the loss is the mean squared error.
//
// Training repeats one step: forward, loss, `backward`, then move each
// parameter a little *against* its gradient: p ← p - learning_rate · ∂loss/∂p.
// `candle_core` has no optimiser (the `candle-nn` crate adds `SGD` and
// `AdamW`), so here you write that update yourself; `Var::set` replaces a
// variable's value in place.
//
// roadmap.md §12.1

use candle_core::{Context, Device, Result, Tensor, Var};
use ml_chapter::regression_data;

const LEARNING_RATE: f64 = 0.2;

/// Trains y = w·x + b for `steps` steps; returns (w, b, the last step's loss).
fn train(steps: usize) -> Result<(f32, f32, f32)> {
    let (xs, ys) = regression_data(64, 42);
    let x = Tensor::new(xs.as_slice(), &Device::Cpu)?;
    let y = Tensor::new(ys.as_slice(), &Device::Cpu)?;
    let w = Var::new(0f32, &Device::Cpu)?;
    let b = Var::new(0f32, &Device::Cpu)?;
    let mut loss = Tensor::new(f32::INFINITY, &Device::Cpu)?;
    for _ in 0..steps {
        let prediction = x.broadcast_mul(&w)?.broadcast_add(&b)?;
        loss = prediction.sub(&y)?.sqr()?.mean_all()?;
        let grads = loss.backward()?;
        for parameter in [&w, &b] {
            let gradient = grads.get(parameter).context("no gradient")?;
            parameter.set(&parameter.add(&(gradient * LEARNING_RATE)?)?)?;
        }
    }
    Ok((w.to_scalar()?, b.to_scalar()?, loss.to_scalar()?))
}

fn main() -> Result<()> {
    for steps in [1, 10, 100] {
        let (w, b, loss) = train(steps)?;
        println!("after {steps:3} steps: y = {w:.3}·x + {b:.3}, loss {loss:.5}");
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use ml_chapter::{TRUE_INTERCEPT, TRUE_SLOPE};

    #[test]
    fn the_loss_falls_under_the_bound() -> Result<()> {
        let (_, _, loss) = train(100)?;
        // The noise alone gives a loss of about 0.0008.
        assert!(loss < 0.002, "loss {loss} after 100 steps");
        Ok(())
    }

    #[test]
    fn recovers_the_line_behind_the_data() -> Result<()> {
        let (w, b, _) = train(100)?;
        assert!(
            (w - TRUE_SLOPE).abs() < 0.05,
            "slope {w}, want about {TRUE_SLOPE}"
        );
        assert!(
            (b - TRUE_INTERCEPT).abs() < 0.05,
            "intercept {b}, want about {TRUE_INTERCEPT}"
        );
        Ok(())
    }

    #[test]
    fn each_step_lowers_the_loss() -> Result<()> {
        let losses: Vec<f32> = (1..=5)
            .map(|steps| train(steps).map(|r| r.2))
            .collect::<Result<_>>()?;
        assert!(
            losses.windows(2).all(|pair| pair[1] < pair[0]),
            "losses {losses:?}"
        );
        Ok(())
    }
}
