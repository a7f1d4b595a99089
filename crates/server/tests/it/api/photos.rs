//! Profile photos: uploads re-encoded without metadata, initials when there
//! is none, clear refusals for anything else, and concurrent uploads.

use std::io::Cursor;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};

use crate::harness::TestApp;

/// A PNG with a text chunk standing in for metadata (a camera's GPS tag).
fn png_with_secret(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 90]));
    let mut plain = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut plain, image::ImageFormat::Png)
        .unwrap();
    let plain = plain.into_inner();
    // Insert a tEXt chunk after IHDR (8-byte signature + 25-byte IHDR).
    let data = b"Location\0secret-gps-52.52N";
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"tEXt");
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = plain[..33].to_vec();
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&plain[33..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn upload(token: Option<&str>, body: Vec<u8>) -> Request<Body> {
    let mut builder = Request::builder()
        .method(Method::PUT)
        .uri("/api/me/photo")
        .header(header::CONTENT_TYPE, "image/png");
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    builder.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn photos_are_reencoded_and_initials_shown_otherwise() {
    let app = TestApp::spawn().await;
    let (token, user) = app.register("zoe@example.com", &["mentee"]).await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/api/users/{id}/photo");

    let initials = app.get(&path, None).await;
    assert_eq!(initials.status, StatusCode::OK);
    assert_eq!(initials.header("content-type").as_deref(), Some("image/svg+xml"));
    assert!(initials.text().contains(">TP</text>"), "Test Person's initials");

    let original = png_with_secret(800, 600);
    assert!(original.windows(10).any(|w| w == b"secret-gps"));
    assert_eq!(
        app.send(upload(Some(&token), original)).await.status,
        StatusCode::NO_CONTENT
    );
    let photo = app.get(&path, None).await;
    assert_eq!(photo.header("content-type").as_deref(), Some("image/jpeg"));
    assert!(!photo.body.windows(10).any(|w| w == b"secret-gps"), "metadata is gone");
    let decoded = image::load_from_memory(&photo.body).expect("a real JPEG");
    assert_eq!(
        (decoded.width(), decoded.height()),
        (320, 320),
        "cropped square and resized"
    );

    assert_eq!(
        app.json(Method::DELETE, "/api/me/photo", None, Some(&token))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.json(Method::DELETE, "/api/me/photo", None, Some(&token))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path, None).await.header("content-type").as_deref(),
        Some("image/svg+xml")
    );
    assert_eq!(
        app.get(&format!("/api/users/{}/photo", uuid::Uuid::new_v4()), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn anything_but_a_photo_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("zoe@example.com", &["mentee"]).await;
    assert_eq!(
        app.send(upload(None, png_with_secret(10, 10))).await.status,
        StatusCode::UNAUTHORIZED
    );
    for (body, why) in [
        (b"GIF89a\x01\x00\x01\x00".to_vec(), "Upload a JPEG, PNG or WebP photo."),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
            "Upload a JPEG, PNG or WebP photo.",
        ),
        (png_with_secret(40, 40)[..70].to_vec(), "could not be read"),
        (Vec::new(), "Choose a photo to upload."),
    ] {
        let refused = app.send(upload(Some(&token), body)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text());
        assert!(
            refused.json()["error"]["fields"]["photo"]
                .as_str()
                .unwrap()
                .contains(why),
            "{}",
            refused.text()
        );
    }
    let huge = app.send(upload(Some(&token), vec![0x89; 6 * 1024 * 1024])).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count_rows("profile_photos").await, 0);
}

#[tokio::test]
async fn concurrent_uploads_leave_exactly_one_photo() {
    let app = TestApp::spawn().await;
    let (token, _) = app.register("zoe@example.com", &["mentee"]).await;
    let uploads = (0..6).map(|i| app.send(upload(Some(&token), png_with_secret(100 + i, 90))));
    let results = futures_util::future::join_all(uploads).await;
    assert!(
        results.iter().all(|r| r.status == StatusCode::NO_CONTENT),
        "every upload succeeds"
    );
    assert_eq!(app.count_rows("profile_photos").await, 1);
}
