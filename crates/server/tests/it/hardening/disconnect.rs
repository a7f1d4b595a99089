//! A client that hangs up mid-request cannot cancel the work it started:
//! handlers run to completion in their own task, so a transaction is never
//! abandoned halfway (on PostgreSQL that left "there is no transaction in
//! progress" in its log) and what was asked for is done once.

use std::time::Duration;

use tokio::io::AsyncWriteExt;

use crate::harness::TestApp;

#[tokio::test]
async fn work_finishes_when_the_client_hangs_up() {
    let app = TestApp::spawn().await;
    let server = app.serve().await;
    let addr = server.base.trim_start_matches("http://").to_owned();
    // Sign-up hashes a password on the blocking pool: slow enough that the
    // client is gone long before the handler finishes.
    let mut streams = Vec::new();
    for i in 0..5 {
        let body = format!(
            r#"{{"email":"gone{i}@example.com","password":"correct horse battery","name":"Gone {i}","roles":["mentee"],"timezone":"UTC"}}"#
        );
        let request = format!(
            "POST /api/auth/register HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut stream = tokio::net::TcpStream::connect(&addr).await.expect("connect");
        stream.write_all(request.as_bytes()).await.expect("send");
        streams.push(stream);
    }
    // Hang up once the server has surely started on them (a hash takes far
    // longer than this).
    tokio::time::sleep(Duration::from_millis(15)).await;
    drop(streams);
    let mut created = 0;
    for _ in 0..100 {
        created = app.count_rows("users WHERE email LIKE 'gone%'").await;
        if created == 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(created, 5, "every sign-up finished although its client hung up");
    // And each exactly once, with its token.
    assert_eq!(app.count_rows("auth_tokens").await, 5);
}
