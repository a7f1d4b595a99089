//! Profile photos: uploads are decoded and re-encoded here (so metadata and
//! anything hidden in the file are dropped), and people without a photo get
//! an initials avatar.

mod avatar;
mod encode;

pub use avatar::initials_svg;
pub use encode::{reencode, MAX_UPLOAD_BYTES};

use mentorhub_store::{PhotoRecord, UserRecord};
use uuid::Uuid;

use crate::services::{Error, Result};
use crate::state::AppState;

/// What `/users/{id}/photo` answers.
pub enum Picture {
    Photo(PhotoRecord),
    Initials(String),
}

/// The person's photo, or their initials avatar. Anyone may see it: photos
/// sit beside names that are public on mentor cards anyway.
pub async fn picture(state: &AppState, user_id: Uuid) -> Result<Picture> {
    if let Some(photo) = state.store.photo(user_id).await? {
        return Ok(Picture::Photo(photo));
    }
    let user = state.store.user_by_id(user_id).await?;
    Ok(Picture::Initials(initials_svg(&user.name, user.id)))
}

/// Replaces the signed-in person's photo with `bytes` (JPEG, PNG or WebP).
pub async fn upload(state: &AppState, user: &UserRecord, bytes: Vec<u8>) -> Result<()> {
    // Decoding and resizing is CPU work; keep it off the async workers.
    let jpeg = tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(Error::internal)?
        .map_err(|why| Error::field("photo", why))?;
    state
        .store
        .set_photo(user.id, "image/jpeg", &jpeg, state.clock.now())
        .await?;
    Ok(())
}

pub async fn remove(state: &AppState, user: &UserRecord) -> Result<bool> {
    Ok(state.store.delete_photo(user.id).await?)
}
