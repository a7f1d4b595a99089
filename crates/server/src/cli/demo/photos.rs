//! Demo profile photos: simple drawn portraits (a head and shoulders on a
//! coloured ground) for some mentors, put through the real upload path so
//! they are stored exactly like uploads; the others show initials.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};
use mentorhub_store::Store;

use super::people::{mentor_email, user_by_email};
use crate::services::photos::reencode;

/// How many mentors get a photo (the rest keep their initials).
const WITH_PHOTO: usize = 12;

fn portrait(seed: usize) -> Vec<u8> {
    let grounds: [[u8; 3]; 6] = [
        [40, 72, 200],
        [30, 91, 46],
        [90, 61, 153],
        [122, 74, 0],
        [11, 92, 107],
        [107, 47, 92],
    ];
    let skins: [[u8; 3]; 5] = [
        [241, 194, 125],
        [224, 172, 105],
        [198, 134, 66],
        [141, 85, 36],
        [255, 219, 172],
    ];
    let ground = grounds[seed % grounds.len()];
    let skin = skins[(seed / 2) % skins.len()];
    let shirt = [ground[0] / 2, ground[1] / 2, ground[2] / 2];
    let size = 400i32;
    let image = RgbImage::from_fn(size as u32, size as u32, |x, y| {
        let (x, y) = (x as i32, y as i32);
        let head = (x - 200).pow(2) + (y - 165).pow(2) < 80i32.pow(2);
        let shoulders = y > 270 && (x - 200).pow(2) / 2 + (y - 420).pow(2) < 150i32.pow(2);
        if head {
            Rgb(skin)
        } else if shoulders {
            Rgb(shirt)
        } else {
            let shade = (y / 8) as u8;
            Rgb([
                ground[0].saturating_add(shade),
                ground[1].saturating_add(shade),
                ground[2].saturating_add(shade),
            ])
        }
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).expect("a PNG in memory");
    out.into_inner()
}

pub async fn load_photos(store: &Store, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    for i in 0..WITH_PHOTO {
        let user = user_by_email(store, &mentor_email(i)).await?;
        if store.photo(user.id).await?.is_some() {
            continue;
        }
        let jpeg = reencode(&portrait(i)).map_err(anyhow::Error::msg)?;
        store.set_photo(user.id, "image/jpeg", &jpeg, now).await?;
    }
    Ok(())
}
