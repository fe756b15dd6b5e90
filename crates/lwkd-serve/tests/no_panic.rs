//! Garbage on a real socket: whatever bytes a client sends, the server answers with a
//! well-formed status line (or closes the connection), and keeps answering the next one.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

use lwkd_serve::{FileServer, ServeOptions};
use proptest::prelude::*;

/// One server for every case, over a small built site; its address.
fn server() -> &'static str {
    static SERVER: OnceLock<(tempfile::TempDir, FileServer, String)> = OnceLock::new();
    &SERVER
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            std::fs::write(tmp.path().join("index.html"), "<body>home</body>").unwrap();
            let server = FileServer::start(
                tmp.path().to_path_buf(),
                "/",
                ServeOptions {
                    bind: [127, 0, 0, 1].into(),
                    port: 0,
                },
            )
            .unwrap();
            let addr = server
                .url()
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string();
            (tmp, server, addr)
        })
        .2
}

/// What the server sends back for `bytes`, the client having nothing more to say.
fn exchange(bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(server()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may answer (and close) before it has read everything.
    let _ = stream.write_all(bytes);
    let _ = stream.shutdown(Shutdown::Write);
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    reply
}

/// Request heads with garbage in every part, and bytes that are no request at all.
fn request() -> impl Strategy<Value = Vec<u8>> {
    let head = (
        "GET|HEAD|POST|\\PC{0,8}",
        "/|/index.html|/%2e%2e/x|/\\PC{0,20}|\\PC{0,8}",
        "HTTP/1.1|HTTP/1.0|\\PC{0,4}",
        proptest::collection::vec("[A-Za-z-]{0,8}: ?\\PC{0,16}|\\PC{0,16}", 0..6),
        "\r\n\r\n|\n\n|\r\n|",
    )
        .prop_map(|(method, target, version, headers, end)| {
            let mut head = format!("{method} {target} {version}\r\n");
            for h in headers {
                head.push_str(&h);
                head.push_str("\r\n");
            }
            head.push_str(&end);
            head.into_bytes()
        });
    prop_oneof![head, proptest::collection::vec(any::<u8>(), 0..300)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_bytes_get_a_status_line_or_nothing(bytes in request()) {
        let reply = exchange(&bytes);
        if !reply.is_empty() {
            let text = String::from_utf8_lossy(&reply);
            let status: u16 = text
                .strip_prefix("HTTP/1.1 ")
                .and_then(|rest| rest.get(..3))
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("not a status line: {text:?}"));
            prop_assert!(
                [200, 301, 400, 404, 405, 408, 414, 431].contains(&status),
                "{status}"
            );
        }
        let home = exchange(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        prop_assert!(home.starts_with(b"HTTP/1.1 200 OK"), "still serving");
    }
}
