// wrong: subtracts the batch from the means: every centred value has the wrong sign
// candle2 — broadcasting, and the error a shape mismatch gives you.
//
// NumPy and PyTorch "broadcast" silently: `x - mean` works when `mean` has
// fewer rows, by repeating it. Candle's operators (`+ - * /`) do not: both
// sides must have exactly the same shape, and a mismatch is not a panic and
// not a compile error but an `Err` at run time, `shape mismatch in sub, lhs:
// [4, 3], rhs: [1, 3]`. Repeating the smaller side is something you ask for,
// with the `broadcast_*` methods (`broadcast_add`, `broadcast_sub`,
// `broadcast_mul`, `broadcast_div`).
//
// roadmap.md §12.1

use candle_core::{Device, Result, Tensor};

/// Centres every column (feature) of a (samples, features) batch on zero by
/// subtracting that column's mean — a usual first step before training.
fn centre_columns(batch: &Tensor) -> Result<Tensor> {
    // The mean of each column, as a (1, features) tensor.
    let mean = batch.mean_keepdim(0)?;
    mean.broadcast_sub(batch)
}

fn batch() -> Result<Tensor> {
    let rows = [
        [1f32, 10., 100.],
        [2., 20., 200.],
        [3., 30., 300.],
        [6., 60., 600.],
    ];
    Tensor::new(&rows, &Device::Cpu)
}

fn main() -> Result<()> {
    let batch = batch()?;
    println!("batch:\n{batch}");
    println!("centred:\n{}", centre_columns(&batch)?);
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtracts_each_columns_own_mean() -> Result<()> {
        let centred = centre_columns(&batch()?)?;
        assert_eq!(centred.dims(), &[4, 3], "the shape must not change");
        // The column means are 3, 30 and 300.
        let expected = [
            [-2f32, -20., -200.],
            [-1., -10., -100.],
            [0., 0., 0.],
            [3., 30., 300.],
        ];
        assert_eq!(centred.to_vec2::<f32>()?, expected);
        Ok(())
    }

    #[test]
    fn works_for_any_batch_size() -> Result<()> {
        let two = Tensor::new(&[[1f32, 5.], [3., 7.]], &Device::Cpu)?;
        assert_eq!(
            centre_columns(&two)?.to_vec2::<f32>()?,
            [[-1f32, -1.], [1., 1.]]
        );
        Ok(())
    }

    #[test]
    fn plain_operators_never_broadcast() -> Result<()> {
        let err = (batch()? - Tensor::new(&[[1f32, 1., 1.]], &Device::Cpu)?).unwrap_err();
        assert!(err.to_string().contains("shape mismatch in sub"), "{err}");
        Ok(())
    }
}
