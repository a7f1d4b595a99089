//! Decoding an upload and writing a fresh, small JPEG from its pixels.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// The largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Photos are kept as squares of this many pixels.
const SIDE: u32 = 320;
/// Refuse images larger than this before decoding them (a small file can
/// claim enormous dimensions).
const MAX_SIDE: u32 = 8000;

/// A square JPEG of the upload's centre, or a sentence saying what is wrong.
pub fn reencode(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if bytes.is_empty() {
        return Err("Choose a photo to upload.".into());
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err("The photo is larger than 5 MiB.".into());
    }
    let format = image::guess_format(bytes).map_err(|_| not_an_image())?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(not_an_image());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| {
        "The photo could not be read; it may be damaged or too large (at most 8000 × 8000 pixels).".to_string()
    })?;
    let square = image.resize_to_fill(SIDE, SIDE, FilterType::Lanczos3);
    // JPEG has no alpha: flatten onto white rather than black.
    let rgb = flatten(square);
    let mut out = Cursor::new(Vec::new());
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    rgb.write_with_encoder(encoder)
        .map_err(|e| format!("The photo could not be saved: {e}."))?;
    Ok(out.into_inner())
}

fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.to_rgb8());
    }
    let rgba = image.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, pixel) in rgba.enumerate_pixels() {
        let [r, g, b, a] = pixel.0;
        let blend = |c: u8| ((c as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([blend(r), blend(g), blend(b)]));
    }
    DynamicImage::ImageRgb8(rgb)
}

fn not_an_image() -> String {
    "Upload a JPEG, PNG or WebP photo.".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_fn(width, height, |x, _| image::Rgba([(x % 256) as u8, 80, 160, 200]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(image)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn photos_become_small_square_jpegs() {
        let jpeg = reencode(&png(900, 500)).expect("a PNG is accepted");
        assert_eq!(image::guess_format(&jpeg).unwrap(), ImageFormat::Jpeg);
        let decoded = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (SIDE, SIDE));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert_eq!(reencode(b""), Err("Choose a photo to upload.".into()));
        assert_eq!(reencode(b"GIF89a...."), Err(not_an_image()));
        assert_eq!(
            reencode(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            Err(not_an_image())
        );
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert!(reencode(&truncated).unwrap_err().contains("could not be read"));
        assert_eq!(
            reencode(&vec![0u8; MAX_UPLOAD_BYTES + 1]),
            Err("The photo is larger than 5 MiB.".into())
        );
    }
}
