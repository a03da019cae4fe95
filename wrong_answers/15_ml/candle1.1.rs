// wrong: divides while the tensor is still `u8`: 51 / 255 rounds to 0, so the brightness is lost
// candle1 — tensors, shapes and dtypes.
//
// Candle (Hugging Face's ML framework) has one `Tensor` type for every rank
// and element type: the shape (`dims()`) and the dtype (`dtype()`) are values
// checked at run time, not part of the Rust type. So almost every operation
// returns `candle_core::Result`, and `?` is how you chain them.
//
// Data usually arrives as raw bytes. A model wants floats, in a known shape.
// Building the tensor is where you decide both: the shape when you create it,
// the dtype with a conversion.
//
// roadmap.md §12.1

use candle_core::{DType, Device, Result, Tensor};

/// A grayscale image, `height` rows of `width` pixels (0 = black, 255 = white),
/// as the (height, width) tensor of `f32` brightness in 0.0..=1.0 a model wants.
fn to_image(pixels: &[u8], height: usize, width: usize) -> Result<Tensor> {
    let image = Tensor::from_slice(pixels, (height, width), &Device::Cpu)?;
    (image / 255.0)?.to_dtype(DType::F32)
}

fn main() -> Result<()> {
    let image = to_image(&[0, 51, 102, 153, 204, 255], 2, 3)?;
    println!("shape {:?}, dtype {:?}", image.dims(), image.dtype());
    println!("{image}");
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    const PIXELS: [u8; 6] = [0, 51, 102, 153, 204, 255];

    #[test]
    fn has_one_row_per_image_row() -> Result<()> {
        assert_eq!(to_image(&PIXELS, 2, 3)?.dims(), &[2, 3]);
        assert_eq!(to_image(&PIXELS, 3, 2)?.dims(), &[3, 2]);
        Ok(())
    }

    #[test]
    fn holds_f32_brightness_between_0_and_1() -> Result<()> {
        let image = to_image(&PIXELS, 2, 3)?;
        assert_eq!(image.dtype(), DType::F32);
        let rows = image.to_vec2::<f32>()?;
        let expected = [[0.0, 0.2, 0.4], [0.6, 0.8, 1.0]];
        for (row, want) in rows.iter().zip(expected) {
            for (got, want) in row.iter().zip(want) {
                assert!((got - want).abs() < 1e-6, "got {rows:?}, want {expected:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn the_wrong_number_of_pixels_is_an_error() {
        assert!(to_image(&PIXELS, 2, 2).is_err(), "6 pixels cannot be 2 x 2");
    }
}
